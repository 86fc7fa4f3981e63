package dev.paperboy.digest;

import static dev.paperboy.digest.SenderWorld.DAILY;
import static dev.paperboy.digest.SenderWorld.FRIDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.digest.DigestSender.Outcome;
import dev.paperboy.digest.DigestSender.Report;
import dev.paperboy.mail.DigestMailer;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The whole send of one queue message, on fakes of the sender's own ports: no AWS. */
class DigestSenderTest {
    private final SenderWorld world = new SenderWorld();

    @Test
    void aDueSubscriberGetsOneMailWithTheMostUpvotedPapersUpToTheirMaximum() {
        world.fridayListsThreePapers();
        Subscriber reader = world.daily("reader", 2);

        Report report = world.send(reader.id());

        assertEquals(Map.of(Outcome.SENT, 1), report.outcomes());
        assertTrue(report.complete());
        assertEquals(1, world.ses.accepted.size(), "one mail");
        ScriptedMailer.Sent mail = world.ses.accepted.get(0);
        assertEquals(reader.email(), mail.to());
        assertTrue(mail.mime().contains("Fifty Upvotes") && mail.mime().contains("Thirty Upvotes"), "the two most upvoted papers");
        assertFalse(mail.mime().contains("Ten Upvotes"), "no more than the subscriber's maximum");
        InMemoryLedger.Entry record = world.ledger.entry(reader.id(), DAILY).orElseThrow();
        assertEquals("SENT", record.status());
        assertEquals(List.of("2508.00050", "2508.00030"), record.paperIds(), "the papers, in the order sent");
        assertEquals(Optional.of("ses-1"), record.messageId(), "SES's message id recorded");
        assertTrue(world.archived.containsKey(DAILY.id() + "/" + reader.id()), "the web copy archived");
        assertEquals(1, world.metrics.get("DigestsSent"));
    }

    @Test
    void aRedeliveredJobSendsNothingMore() {
        world.fridayListsThreePapers();
        Subscriber reader = world.daily("reader", 2);
        world.send(reader.id());

        Report again = world.send(reader.id());

        assertEquals(Map.of(Outcome.ALREADY_DONE, 1), again.outcomes());
        assertTrue(again.complete(), "nothing left to retry");
        assertEquals(1, world.ses.accepted.size(), "still one mail");
    }

    @Test
    void aSubscriberWhoHasHadEveryPaperGetsTheSkipRecordAndNoMail() {
        world.fridayListsThreePapers();
        Subscriber reader = world.daily("reader", 5);
        world.ledger.sentBefore(reader.id(), new Period(Preferences.Frequency.DAILY, FRIDAY.minusDays(1)),
                List.of("2508.00010", "2508.00030", "2508.00050"));

        Report report = world.send(reader.id());

        assertEquals(Map.of(Outcome.SKIPPED_EMPTY, 1), report.outcomes());
        assertEquals(0, world.ses.attempts, "no mail");
        assertEquals("SKIPPED", world.status(reader));
        assertEquals(Optional.of("no paper matches"), world.ledger.entry(reader.id(), DAILY).orElseThrow().reason());
    }

    @Test
    void papersSentLongerAgoThanTheHistoryAreSentAgain() {
        world.fridayListsThreePapers();
        Subscriber reader = world.daily("reader", 5);
        LocalDate outsideTheWindow = FRIDAY.minusDays(DigestLedger.SENT_HISTORY.toDays() + 1);
        world.ledger.sentBefore(reader.id(), new Period(Preferences.Frequency.DAILY, outsideTheWindow), List.of("2508.00050"));

        world.send(reader.id());

        assertEquals(List.of("2508.00050", "2508.00030", "2508.00010"), world.ledger.entry(reader.id(), DAILY).orElseThrow().paperIds());
    }

    @Test
    void aDayWithoutPapersIsRecordedSkippedAsSuch() {
        Subscriber reader = world.daily("reader", 5);

        Report report = world.send(reader.id());

        assertEquals(Map.of(Outcome.SKIPPED_EMPTY, 1), report.outcomes());
        assertEquals(Optional.of("no papers listed"), world.ledger.entry(reader.id(), DAILY).orElseThrow().reason());
        assertEquals(1, world.metrics.get("DigestsSkipped"));
    }

    @Test
    void subscribersNotDueNowAreLeftAloneWithoutARecord() {
        world.fridayListsThreePapers();
        Subscriber left = world.subscriber("left", new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of(), 5, 0),
                Subscriber.Status.UNSUBSCRIBED);
        Subscriber weeklyOnMonday = world.subscriber("weekly", new Preferences(Preferences.Frequency.WEEKLY, DayOfWeek.MONDAY, List.of(), 5, 0),
                Subscriber.Status.CONFIRMED);

        Report report = world.send(left.id(), weeklyOnMonday.id(), "id-gone");

        assertEquals(Map.of(Outcome.NOT_DUE, 3), report.outcomes());
        assertEquals(0, world.ses.attempts);
        assertEquals(List.of("NONE", "NONE"), List.of(world.status(left), world.status(weeklyOnMonday)));
    }

    @Test
    void sesThrottlingIsWaitedOutAndTheMailSent() {
        world.fridayListsThreePapers();
        Subscriber reader = world.daily("reader", 2);
        world.ses.thenFail(() -> new DigestMailer.Throttled("Maximum sending rate exceeded"), 2);

        Report report = world.send(reader.id());

        assertEquals(Map.of(Outcome.SENT, 1), report.outcomes());
        assertEquals(List.of(100_000_000L, 200_000_000L), world.backoffNanos, "backed off 100 ms, then 200 ms");
        assertEquals(2, world.metrics.get("SesThrottled"));
    }

    @Test
    void sesThrottlingThatOutlastsTheRetriesReturnsTheMessageWithTheClaimGivenBack() {
        world.fridayListsThreePapers();
        Subscriber reader = world.daily("reader", 2);
        Subscriber next = world.daily("next", 2);
        world.ses.alwaysFail(() -> new DigestMailer.Throttled("Maximum sending rate exceeded"));

        assertThrows(DigestMailer.Throttled.class, () -> world.send(reader.id(), next.id()));

        assertEquals(1 + PacedMailer.THROTTLE_RETRIES, world.ses.attempts, "one subscriber tried, with every retry; the next one not");
        assertEquals("NONE", world.status(reader), "the claim given back: the message's next delivery may send it");
        assertEquals("NONE", world.status(next));
    }

    @Test
    void sesPausedStopsTheBatchAndGivesTheClaimBack() {
        world.fridayListsThreePapers();
        Subscriber reader = world.daily("reader", 2);
        Subscriber next = world.daily("next", 2);
        world.ses.alwaysFail(() -> new DigestMailer.Paused("Sending paused for this account"));

        assertThrows(DigestMailer.Paused.class, () -> world.send(reader.id(), next.id()));

        assertEquals(1, world.ses.attempts, "paused is not retried, and the next subscriber not tried");
        assertEquals(List.of("NONE", "NONE"), List.of(world.status(reader), world.status(next)));
    }

    @Test
    void aRejectedAddressIsRecordedFailedWhileTheOthersGetTheirs() {
        world.fridayListsThreePapers();
        Subscriber bad = world.daily("bad", 2);
        Subscriber good = world.daily("good", 2);
        world.ses.alwaysFailFor(bad.email(), () -> new DigestMailer.Rejected("Address blacklisted"));

        Report report = world.send(bad.id(), good.id());

        assertEquals(Map.of(Outcome.REJECTED, 1, Outcome.SENT, 1), report.outcomes());
        assertTrue(report.complete(), "a rejected address is done for the period: nothing to retry");
        assertEquals("FAILED", world.status(bad));
        assertEquals(List.of(), world.ledger.entry(bad.id(), DAILY).orElseThrow().paperIds(), "its papers count as not sent");
        assertEquals("SENT", world.status(good));
    }

    @Test
    void aDeclinedMailIsGivenBackAloneAndTheMessageRetried() {
        world.fridayListsThreePapers();
        Subscriber declined = world.daily("declined", 2);
        Subscriber good = world.daily("good", 2);
        world.ses.alwaysFailFor(declined.email(), () -> new DigestMailer.Declined("Message rejected"));

        Report report = world.send(declined.id(), good.id());

        assertEquals(Map.of(Outcome.FAILED, 1, Outcome.SENT, 1), report.outcomes());
        assertFalse(report.complete(), "the message comes back for the declined one");
        assertEquals("NONE", world.status(declined), "its claim given back");
        assertEquals(1, world.metrics.get("DigestsFailed"));
    }

    @Test
    void aSendWhoseAnswerIsLostKeepsItsClaimAndItsPapersCountAsSent() {
        world.fridayListsThreePapers();
        Subscriber reader = world.daily("reader", 2);
        world.ses.thenFail(() -> new IllegalStateException("connection reset after the request went out"), 1);

        Report report = world.send(reader.id());

        assertEquals(Map.of(Outcome.FAILED, 1), report.outcomes());
        InMemoryLedger.Entry record = world.ledger.entry(reader.id(), DAILY).orElseThrow();
        assertEquals("SENDING", record.status(), "the claim stays: SES may have the mail");
        assertTrue(record.handedToSes());
        assertEquals(List.of("2508.00050", "2508.00030"), record.paperIds(), "marked before the call");
        assertEquals(Map.of(Outcome.ALREADY_DONE, 1), world.send(reader.id()).outcomes(), "never sent twice");
        assertEquals(1, world.ses.attempts);
    }

    @Test
    void aDigestThatCannotBeBuiltGivesItsClaimBackAndSendsNothing() {
        world.fridayListsThreePapers();
        Subscriber reader = world.daily("reader", 2);
        world.archive = new DigestArchive() {
            @Override
            public String store(Period period, String subscriberId, String html) {
                throw new IllegalStateException("the archive is down");
            }

            @Override
            public Optional<String> read(Period period, String subscriberId) {
                return Optional.empty();
            }
        };

        Report report = world.send(reader.id());

        assertEquals(Map.of(Outcome.FAILED, 1), report.outcomes());
        assertFalse(report.complete());
        assertEquals("NONE", world.status(reader), "released: the retry builds it again");
        assertEquals(0, world.ses.attempts);
    }

    @Test
    void whenTheInvocationRunsLowOnTimeTheRestGoesBackUntouched() {
        world.fridayListsThreePapers();
        Subscriber reader = world.daily("reader", 2);

        Report report = world.sender().send(new DigestJob(DAILY, List.of(reader.id())), () -> 14_999);

        assertEquals(Map.of(), report.outcomes());
        assertFalse(report.complete());
        assertEquals("NONE", world.status(reader));
        assertEquals(0, world.ses.attempts);
    }

    private Subscriber delivering(String name, Preferences.Delivery delivery) {
        return world.subscriber(name, new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of(), 2, 0).withDelivery(delivery),
                Subscriber.Status.CONFIRMED);
    }

    @Test
    void aFeedOnlySubscriberGetsNoMailButTheirDigestIsRecordedForTheFeed() {
        world.fridayListsThreePapers();
        Subscriber reader = delivering("feedreader", Preferences.Delivery.FEED);

        Report report = world.send(reader.id());

        assertEquals(Map.of(Outcome.IN_FEED, 1), report.outcomes());
        assertTrue(report.complete());
        assertEquals(0, world.ses.attempts, "no SES call at all");
        assertEquals(List.of(), world.backoffNanos, "no wait for a slot of the sending rate");
        InMemoryLedger.Entry record = world.ledger.entry(reader.id(), DAILY).orElseThrow();
        assertEquals("FEED_ONLY", record.status());
        assertEquals(List.of("2508.00050", "2508.00030"), record.paperIds(), "the papers the feed shows, in the digest's order");
        assertTrue(world.archived.isEmpty(), "nothing rendered or archived: nobody reads a web copy of a digest never mailed");
        assertEquals(1, world.metrics.get("DigestsToFeed"));
        assertEquals(0, world.metrics.get("DigestsSent"));
    }

    @Test
    void aFeedRecordThatCannotBeWrittenGivesItsClaimBackForTheRetry() {
        world.fridayListsThreePapers();
        Subscriber reader = delivering("feedreader", Preferences.Delivery.FEED);
        world.ledger.feedRecordFails = true;

        Report failed = world.send(reader.id());
        Report retried = world.send(reader.id());

        assertEquals(Map.of(Outcome.FAILED, 1), failed.outcomes());
        assertEquals(Map.of(Outcome.IN_FEED, 1), retried.outcomes(), "the retry delivers it, not ALREADY_DONE");
        assertEquals("FEED_ONLY", world.ledger.entry(reader.id(), DAILY).orElseThrow().status());
    }

    @Test
    void papersPutInTheFeedAreNotRepeatedTheNextDay() {
        world.fridayListsThreePapers();
        Subscriber reader = delivering("feedreader", Preferences.Delivery.FEED);
        world.send(reader.id());
        Period saturday = new Period(Preferences.Frequency.DAILY, FRIDAY.plusDays(1));
        world.lists.put(FRIDAY.plusDays(1), world.lists.get(FRIDAY));

        Report next = world.sender().send(new DigestJob(saturday, List.of(reader.id())), () -> 100_000);

        assertEquals(Map.of(Outcome.IN_FEED, 1), next.outcomes());
        assertEquals(List.of("2508.00010"), world.ledger.entry(reader.id(), saturday).orElseThrow().paperIds(),
                "only the paper not yet in the feed");
    }

    @Test
    void mailOnlyAndBothGetTheMailAndOnlyBothHasTheFeedInItsFooter() {
        world.fridayListsThreePapers();
        Subscriber mailOnly = delivering("mailonly", Preferences.Delivery.MAIL);
        Subscriber both = delivering("both", Preferences.Delivery.BOTH);

        Report report = world.send(mailOnly.id(), both.id());

        assertEquals(Map.of(Outcome.SENT, 2), report.outcomes());
        assertEquals(2, world.ses.accepted.size());
        assertEquals("SENT", world.status(mailOnly));
        assertEquals("SENT", world.status(both));
        assertFalse(world.ses.accepted.get(0).mime().contains("/feeds/"), "mail only: no feed link");
        assertTrue(world.ses.accepted.get(1).mime().contains("/feeds/0.atom"), "both: the feed's link in the footer");
    }
}
