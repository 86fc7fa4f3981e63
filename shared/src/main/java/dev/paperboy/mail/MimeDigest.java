package dev.paperboy.mail;

import dev.paperboy.render.RenderedDigest;
import dev.paperboy.subscriber.EmailAddress;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Properties;

/**
 * A digest as a MIME message (Angus Mail, the Jakarta Mail implementation): multipart/alternative
 * with the text and the HTML part, and the List-Unsubscribe headers of RFC 2369 and RFC 8058 that
 * make Gmail and Yahoo show their unsubscribe button.
 */
public final class MimeDigest {
    /**
     * Jakarta Mail looks its StreamProvider up again for every body part, encoder and header
     * writer, about ten times a message: with no system property naming it, each lookup is a
     * ServiceLoader scan of the class path (jar entries opened and read), which cost 25 times the
     * rendering of the digest. Naming Angus's provider, the one the package carries, makes each a
     * class lookup; a value set on the command line wins.
     */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

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
            Bytes out = new Bytes(digest.html().length() + digest.text().length() + 4096);
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("building the digest's MIME message failed", e);
        }
    }

    /**
     * A ByteArrayOutputStream without its lock: the quoted-printable encoder writes the parts a
     * byte at a time, and taking a lock per byte was most of the cost of a message.
     */
    private static final class Bytes extends OutputStream {
        private byte[] buffer;
        private int count;

        Bytes(int capacity) {
            buffer = new byte[capacity];
        }

        @Override
        public void write(int b) {
            if (count == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (count + length > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + length));
            }
            System.arraycopy(bytes, offset, buffer, count, length);
            count += length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, count);
        }
    }
}
