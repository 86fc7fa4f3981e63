package dev.paperboy.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail the local SES accepted, read from moto's state ({@code /moto-api/data.json}): what
 * tests read back and what `make serve` writes to out/. The local SES is shared by everything
 * running against it, so callers pick their mail by recipient.
 */
public final class Outbox {
    // Raw MIME is read by RawMail, loaded only when a raw mail is read: `make serve` runs this class
    // on a function's classpath, which has no Jakarta Mail.
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

    /** One accepted mail; {@code body} is the HTML part of a simple mail, or the whole raw MIME message. */
    public record Mail(String id, List<String> to, String subject, String body, boolean raw) {
        /** A raw message as MIME, to read its headers and parts (needs Jakarta Mail on the classpath). */
        public jakarta.mail.internet.MimeMessage mime() {
            return RawMail.parse(id, body);
        }

        /** The decoded text of the raw message's part of this type ({@code text/plain}, {@code text/html}). */
        public String part(String type) {
            return RawMail.part(id, body, type);
        }

        /** The subject; a raw message's is decoded from its headers. */
        @Override
        public String subject() {
            return raw ? RawMail.subject(id, body) : subject;
        }

        /** The first link in the body whose path starts with this, with HTML's {@code &amp;} undone. */
        public String link(String path) {
            Matcher m = LINK.matcher(body);
            while (m.find()) {
                String url = m.group().replace("&amp;", "&");
                if (URI.create(url).getPath().startsWith(path)) {
                    return url;
                }
            }
            throw new IllegalStateException("no link to " + path + " in mail " + id);
        }
    }

    private final URI endpoint;

    public Outbox(URI endpoint) {
        this.endpoint = endpoint;
    }

    public List<Mail> all() {
        JsonNode ses = state().path("ses");
        List<Mail> mails = new ArrayList<>();
        for (JsonNode m : ses.path("Message")) {
            List<String> to = new ArrayList<>();
            m.path("destinations").path("ToAddresses").forEach(a -> to.add(a.asText()));
            mails.add(new Mail(m.path("id").asText(), to, m.path("subject").asText(), m.path("body").asText(), false));
        }
        for (JsonNode m : ses.path("RawMessage")) {
            List<String> to = new ArrayList<>();
            m.path("destinations").forEach(a -> {
                if (!to.contains(a.asText())) {
                    to.add(a.asText());
                }
            });
            mails.add(new Mail(m.path("id").asText(), to, "", m.path("raw_data").asText(), true));
        }
        return mails;
    }

    public List<Mail> to(String address) {
        String wanted = address.toLowerCase(Locale.ROOT);
        return all().stream().filter(m -> m.to().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(wanted))).toList();
    }

    private JsonNode state() {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/data.json").toURL().openConnection();
            connection.setConnectTimeout(3000);
            connection.setReadTimeout(30000);
            try (InputStream in = connection.getInputStream()) {
                return Json.MAPPER.readTree(in);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local SES at " + endpoint, e);
        }
    }
}
