package dev.paperboy.digest;

import static dev.paperboy.digest.SenderWorld.DAILY;
import static dev.paperboy.digest.SenderWorld.KEYS;
import static dev.paperboy.digest.SenderWorld.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.paper.Papers;
import dev.paperboy.render.DigestRenderer;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Links;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.Tokens;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DigestComposerTest {
    private final Map<String, String> archived = new HashMap<>();
    private final Links links = new Links("https://paperboy.test",
            new Tokens(KEYS, Clock.fixed(NOW, ZoneOffset.UTC)));
    private final DigestComposer composer = new DigestComposer(new DigestRenderer(), new DigestArchive() {
        @Override
        public String store(Period period, String subscriberId, String html) {
            String key = period.id() + "/" + subscriberId;
            archived.put(key, html);
            return key;
        }

        @Override
        public Optional<String> read(Period period, String subscriberId) {
            return Optional.ofNullable(archived.get(period.id() + "/" + subscriberId));
        }
    }, links, "Paperboy <digest@paperboy.test>");

    private final Subscriber reader = new Subscriber("id-reader", EmailAddress.parse("reader@example.org"), Subscriber.Status.CONFIRMED,
            new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of(), 5, 0),
            NOW, NOW, Optional.of(NOW), 1);

    @Test
    void aComposedDigestCarriesItsPapersAndIsArchivedWithoutTheSubscribersOwnLinks() {
        DigestComposer.Composed digest = composer.compose(reader, DAILY, List.of(
                Papers.paper("2508.00001", "First Paper", "One.", 9, List.of()), Papers.paper("2508.00002", "Second Paper", "Two.", 3, List.of())));

        assertEquals(List.of("2508.00001", "2508.00002"), digest.paperIds());
        assertEquals(reader.email(), digest.to());
        assertEquals("Paperboy <digest@paperboy.test>", digest.from());
        assertEquals(DAILY.id() + "/id-reader", digest.archiveKey(), "the key the archive gave");
        String mime = new String(digest.mime(), StandardCharsets.UTF_8);
        String unsubscribe = links.unsubscribe(reader.id());
        assertTrue(mime.contains("List-Unsubscribe: <" + unsubscribe + ">"), "the mail carries the one-click unsubscribe");
        String webCopy = archived.get(digest.archiveKey());
        assertTrue(webCopy.contains("First Paper"), "the web copy shows the digest");
        assertFalse(webCopy.contains(unsubscribe) || webCopy.contains(links.preferences(reader.id())),
                "whoever has the web copy's link cannot unsubscribe the reader or change their preferences");
    }

    /** The text and the HTML part of a composed mail, decoded. */
    private static List<String> parts(byte[] mime) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mime));
        Multipart parts = (Multipart) message.getContent();
        return List.of(parts.getBodyPart(0).getContent().toString(), parts.getBodyPart(1).getContent().toString());
    }

    @Test
    void aMailOfASubscriberWhoTakesTheFeedLinksItInBothPartsButNotInTheWebCopy() throws Exception {
        Subscriber both = new Subscriber("id-reader", reader.email(), reader.status(), reader.preferences().withDelivery(Preferences.Delivery.BOTH),
                NOW, NOW, Optional.of(NOW), 4, 3);

        DigestComposer.Composed digest = composer.compose(both, DAILY, List.of(Papers.paper("2508.00001", "First Paper", "One.", 9, List.of())));

        String feed = links.feed(both, Links.FeedFormat.ATOM);
        List<String> parts = parts(digest.mime());
        assertTrue(parts.get(0).contains("Your feed: " + feed), "the text footer names the feed of the current generation");
        assertTrue(parts.get(1).contains("href=\"" + feed.replace("&", "&amp;") + "\""), "the HTML footer links it");
        assertFalse(archived.get(digest.archiveKey()).contains("/feeds/"), "whoever has the web copy's link cannot read the feed");
    }

    @Test
    void aMailOnlySubscribersMailHasNoFeedLink() throws Exception {
        Subscriber mailOnly = new Subscriber("id-reader", reader.email(), reader.status(), reader.preferences().withDelivery(Preferences.Delivery.MAIL),
                NOW, NOW, Optional.of(NOW), 4, 3);

        DigestComposer.Composed digest = composer.compose(mailOnly, DAILY, List.of(Papers.paper("2508.00001", "First Paper", "One.", 9, List.of())));

        List<String> parts = parts(digest.mime());
        assertFalse(parts.get(0).contains("/feeds/") || parts.get(1).contains("/feeds/"), "the feed is off: no link to it");
    }
}
