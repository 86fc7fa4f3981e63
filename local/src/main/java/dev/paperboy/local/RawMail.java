package dev.paperboy.local;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Reads a raw MIME message the local SES accepted. */
final class RawMail {
    private static final Session SESSION = Session.getInstance(new Properties());

    private RawMail() {
    }

    static MimeMessage parse(String id, String raw) {
        try {
            return new MimeMessage(SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (MessagingException e) {
            throw new IllegalStateException("mail " + id + " is not MIME", e);
        }
    }

    static String subject(String id, String raw) {
        try {
            String subject = parse(id, raw).getSubject();
            return subject == null ? "" : subject;
        } catch (MessagingException e) {
            throw new IllegalStateException("mail " + id + " has an unreadable subject", e);
        }
    }

    static String part(String id, String raw, String type) {
        try {
            Object content = parse(id, raw).getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    if (multipart.getBodyPart(i).isMimeType(type)) {
                        return multipart.getBodyPart(i).getContent().toString();
                    }
                }
            }
            throw new IllegalStateException("mail " + id + " has no " + type + " part");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("mail " + id + " cannot be read", e);
        }
    }
}
