package dev.paperboy.mail;

import dev.paperboy.digest.RenderedDigest;
import dev.paperboy.subscriber.EmailAddress;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;

/**
 * A digest as a MIME message (Angus Mail, the Jakarta Mail implementation): multipart/alternative
 * with the text and the HTML part, and the List-Unsubscribe headers of RFC 2369 and RFC 8058 that
 * make Gmail and Yahoo show their unsubscribe button.
 */
public final class MimeDigest {
    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeDigest() {
    }

    public static byte[] build(String from, EmailAddress to, RenderedDigest digest, String unsubscribeUrl) {
        try {
            MimeMessage message = new MimeMessage(SESSION);
            message.setFrom(new InternetAddress(from, true));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to.value(), true));
            message.setSubject(digest.subject(), "UTF-8");
            message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(digest.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(digest.html(), "UTF-8", "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("building the digest's MIME message failed", e);
        }
    }

}
