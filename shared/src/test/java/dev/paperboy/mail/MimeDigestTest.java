package dev.paperboy.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperboy.render.RenderedDigest;
import dev.paperboy.subscriber.EmailAddress;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MimeDigestTest {
    @Test
    void aDigestReadsBackAsItsSubjectHeadersAndBothParts() throws Exception {
        // Long enough to need quoted-printable soft line breaks, with characters outside ASCII.
        String html = "<p>▲ 42 upvotes · ★ 7 — Zoë's paper</p>\n".repeat(400) + "<p>end = 100%</p>";
        String text = "1. Agents that plan\n   Ada Lovelace, Alan Turing et al.\n".repeat(200);
        RenderedDigest digest = new RenderedDigest("Daily Papers, Fri 29 Aug 2025: Zoë's “agents” and 9 more", text, html, html, List.of("2508.00001"));

        byte[] mime = MimeDigest.build("Paperboy <digest@paperboy.example>", EmailAddress.parse("reader@example.org"), digest,
                "https://p.test/unsubscribe?token=u1");

        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mime));
        assertEquals(digest.subject(), message.getSubject());
        assertEquals("reader@example.org", message.getAllRecipients()[0].toString());
        assertEquals("<https://p.test/unsubscribe?token=u1>", message.getHeader("List-Unsubscribe", null));
        assertEquals("List-Unsubscribe=One-Click", message.getHeader("List-Unsubscribe-Post", null));
        Multipart parts = (Multipart) message.getContent();
        assertEquals(2, parts.getCount());
        assertEquals(text, parts.getBodyPart(0).getContent());
        // Quoted-printable carries line breaks as CRLF, as MIME says text lines end.
        assertEquals(html, parts.getBodyPart(1).getContent().toString().replace("\r\n", "\n"));
        assertEquals("quoted-printable", parts.getBodyPart(1).getHeader("Content-Transfer-Encoding")[0]);
    }

    @Test
    void jakartaMailFindsItsStreamProviderWithoutScanningTheClassPath() throws Exception {
        MimeDigest.build("Paperboy <digest@paperboy.example>", EmailAddress.parse("reader@example.org"),
                new RenderedDigest("s", "t", "h", "h", List.of()), "https://p.test/u");

        assertEquals("org.eclipse.angus.mail.util.MailStreamProvider", System.getProperty(MimeDigest.STREAM_PROVIDER));
        assertEquals("org.eclipse.angus.mail.util.MailStreamProvider", StreamProvider.provider().getClass().getName());
    }
}
