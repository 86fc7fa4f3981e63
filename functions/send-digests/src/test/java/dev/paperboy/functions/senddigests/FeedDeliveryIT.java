package dev.paperboy.functions.senddigests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.digest.DigestRecords;
import dev.paperboy.digest.SubscriberFeed;
import dev.paperboy.local.Outbox;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.render.Feed;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.Tokens;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Delivery by feed, mail or both, on the local AWS: the send function's handler in this JVM with its
 * own environment, the queue drained as Lambda does, what the outbox got, the records, and the feed
 * read from them as the API reads it.
 */
class FeedDeliveryIT {
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private static String add(DigestStage stage, String email, Preferences.Delivery delivery) {
        EmailAddress address = EmailAddress.parse(email);
        Instant now = Instant.now();
        String id = SubscriberId.of(stage.stack.keys(), address);
        stage.subscribers().create(new Subscriber(id, address, Subscriber.Status.CONFIRMED,
                new Preferences(Preferences.Frequency.WEEKLY, DayOfWeek.SATURDAY, List.of(), 3, 0).withDelivery(delivery),
                now, now, Optional.of(now), 1), Optional.empty());
        stage.emails.add(email);
        return id;
    }

    @Test
    void aFeedOnlySubscriberGetsNoMailTheirDigestIsDeliveredToTheFeedAndBothGetsTheFeedInItsFooter() throws Exception {
        try (DigestStage stage = DigestStage.start(DayOfWeek.SATURDAY, 0, 41)) {
            String feedOnly = "feedonly-" + run + "@example.org";
            String both = "both-" + run + "@example.org";
            String mailOnly = "mailonly-" + run + "@example.org";
            String feedOnlyId = add(stage, feedOnly, Preferences.Delivery.FEED);
            String bothId = add(stage, both, Preferences.Delivery.BOTH);
            add(stage, mailOnly, Preferences.Delivery.MAIL);

            stage.enqueue(List.of(stage.ids()));
            stage.drain(stage::handler, 5);

            assertEquals(List.of(), stage.outbox.to(feedOnly), "no mail for the feed-only subscriber");
            assertEquals("FEED_ONLY", stage.recordStatus(feedOnly), "recorded as delivered to the feed");
            assertEquals(3, stage.record(feedOnly, stage.period).get("paperIds").l().size(), "with its papers, so they are not repeated");
            assertEquals("SENT", stage.recordStatus(both));
            assertEquals("SENT", stage.recordStatus(mailOnly));

            SubscriberFeed feed = new SubscriberFeed(new DigestRecords(stage.dynamoDb, stage.stack.name("SubscribersTable")),
                    new PaperRepository(stage.dynamoDb, stage.stack.name("PapersTable"), Clock.systemUTC())::papers);
            List<Feed.Entry> entries = feed.entries(feedOnlyId);
            assertEquals(List.of("Diffusion at Scale", "Robots That Cook", "Tokenizers Revisited"),
                    entries.stream().map(e -> e.paper().title()).toList(), "the feed lists the digest, in its order");
            assertEquals(stage.period, entries.get(0).period());

            Outbox.Mail mail = stage.outbox.to(both).get(0);
            String text = mail.part("text/plain");
            assertTrue(text.contains("Your feed: https://paperboy.test/feeds/0.atom?token="), text);
            String html = mail.part("text/html");
            assertTrue(html.contains("https://paperboy.test/feeds/0.atom?token="), "the HTML footer links the feed too");
            String link = text.substring(text.indexOf("https://paperboy.test/feeds/")).lines().findFirst().orElseThrow().strip();
            String token = URLDecoder.decode(URI.create(link).getRawQuery().substring("token=".length()), StandardCharsets.UTF_8);
            assertEquals(Optional.of(bothId), new Tokens(stage.stack.keys(), Clock.systemUTC()).verifyFeed(token, 0,
                            stage.subscribers().find(bothId).orElseThrow().createdAt()),
                    "the footer's link opens this subscriber's feed");
            assertTrue(!stage.outbox.to(mailOnly).get(0).part("text/plain").contains("/feeds/"), "mail only: no feed link");
        }
    }
}
