package dev.paperboy.functions.senddigests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.local.Outbox;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Topics left out and followed authors end to end on the local AWS: the preferences stored in and
 * read back from the subscribers table, a day of papers in the papers table, the send function's
 * handler draining the queue, and the digest the local SES received.
 */
class TopicsAndAuthorsIT {
    /** A day of its own (a Wednesday), outside the week the other stages' papers are listed in. */
    private static final LocalDate DAY = LocalDate.of(2025, 9, 17);

    @Test
    void aSubscriberGetsTheFollowedPapersFirstAndMarkedThenTheRankedRestAndNothingOnATopicLeftOut() throws Exception {
        try (DigestStage stage = DigestStage.start(DayOfWeek.WEDNESDAY, 0, 14)) {
            new PaperRepository(stage.dynamoDb, stage.stack.name("PapersTable"), Clock.systemUTC()).saveDay(DAY, List.of(
                    paper("2509.17001", "Agents That Plan", "Planning agents.", 5, "Ada Lovelace", "Charles Babbage"),
                    paper("2509.17002", "Robotic Agents", "Agents for robotics.", 300, "Alan Turing"),
                    paper("2509.17003", "Agents at Scale", "Many agents.", 100, "Grace Hopper"),
                    paper("2509.17004", "Agents Again", "More agents.", 8, "Edsger Dijkstra"),
                    paper("2509.17005", "Diffusion Models", "Noise, then less.", 2, "Alan Turing")), true);
            EmailAddress address = EmailAddress.parse("following-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
            Preferences preferences = new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of("agents"), 3, 10)
                    .withExcludedTopics(List.of("robotics"))
                    .withFollowedAuthors(List.of("ada lovelace", "A. Turing"));
            Instant now = Instant.now();
            stage.subscribers().create(new Subscriber(SubscriberId.of(stage.stack.keys(), address), address, Subscriber.Status.CONFIRMED,
                    preferences, now, now, Optional.of(now), 1), Optional.empty());
            stage.emails.add(address.value());

            stage.enqueue(new Period(Preferences.Frequency.DAILY, DAY), List.of(stage.ids()));
            stage.drain(stage::handler, 5);

            List<Outbox.Mail> mails = stage.outbox.to(address.value());
            assertEquals(1, mails.size());
            String text = mails.get(0).part("text/plain");
            String html = mails.get(0).part("text/html");
            // Followed (by upvotes, whatever keywords and minimum upvotes say), then the ranked rest up to 3; robotics never.
            assertEquals(List.of("Agents That Plan", "Diffusion Models", "Agents at Scale"), titles(text), text);
            assertTrue(text.contains("   Ada Lovelace, Charles Babbage\n   * by Ada Lovelace, whom you follow\n"), text);
            assertTrue(text.contains("   Alan Turing\n   * by Alan Turing, whom you follow\n"), text);
            assertEquals(2, text.split("whom you follow", -1).length - 1, "only the followed papers are marked");
            assertTrue(html.contains("★ by Ada Lovelace, whom you follow"), html);
            assertTrue(html.contains("first those of authors you follow, leaving out papers about robotics."), html);
            assertFalse(text.contains("Robotic Agents"));
            assertEquals("SENT", stage.record(address.value(), new Period(Preferences.Frequency.DAILY, DAY)).get("status").s());
        }
    }

    private static List<String> titles(String text) {
        return text.lines().filter(l -> l.matches("\\d+\\. .*")).map(l -> l.replaceFirst("\\d+\\. ", "")).toList();
    }

    private static Paper paper(String id, String title, String abstractText, int upvotes, String... authors) {
        return new Paper(id, title, abstractText, List.of(authors), Optional.empty(), Optional.empty(), upvotes, 0, Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), DAY);
    }
}
