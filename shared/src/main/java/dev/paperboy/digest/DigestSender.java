package dev.paperboy.digest;

import dev.paperboy.json.JsonLog;
import dev.paperboy.mail.DigestMailer;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Sends one queue message's digests. For each subscriber, in order: choose (the period's papers
 * ranked for the subscriber, minus the ones already sent; nothing left is recorded as skipped),
 * claim (subscriber, period) with a conditional write, compose (render, archive, MIME), deliver
 * (marked as handed to SES, then sent at the instance's pace) and record the SES message id. A
 * subscriber who takes the feed alone gets no mail: their digest is recorded as delivered to the feed.
 *
 * <p>At most once per period: a claim is never taken twice while it may have reached SES, so a
 * redelivered message, a retry or a second planner run sends nothing more. If the process dies after
 * SES accepted a mail but before the record says so, the claim stays and that period is not sent
 * again: a lost record costs nothing, a resend would cost a duplicate. If it dies before the mail
 * was handed to SES, the claim is abandoned and the message's redelivery takes it over
 * ({@link DigestRecords#CLAIM_ABANDONED_AFTER}). A send whose answer is lost (a dropped connection,
 * a timeout, a 5xx) is the same case, so the mailer's client never repeats one. If SES refuses
 * for the whole account (throttled, paused, the sender refused, no connection), or the digest cannot be
 * built, nothing was sent: the claim is released and the message goes back to the queue (in the end to
 * its dead-letter queue). A refusal of one recipient's mail holds back no one: refused for good (an
 * address SES rejects), the period is recorded failed; refused for a reason of that mail alone, its
 * claim is released and only it is tried again with the message.
 *
 * <p>The papers a digest carries are written with the mark before the SES call, not only with the SENT
 * record after it: if that record cannot be written, they still count as sent for the no-repeat rule.
 */
public final class DigestSender {
    /** Enough for one more digest with its throttle retries (about 6 s, see PacedMailer) and the answer to Lambda. */
    private static final long TIME_RESERVE_MILLIS = 15_000;

    private final SubscriberLookup subscribers;
    private final PeriodPapers periodPapers;
    private final DigestLedger ledger;
    private final DigestComposer composer;
    private final DigestMailer mailer;
    private final Clock clock;
    private final Metrics metrics;

    /** {@code mailer} paces and retries throttled sends ({@link PacedMailer}); the sender calls it once a digest. */
    public DigestSender(SubscriberLookup subscribers, PeriodPapers periodPapers, DigestLedger ledger, DigestComposer composer,
                        DigestMailer mailer, Clock clock, Metrics metrics) {
        this.subscribers = subscribers;
        this.periodPapers = periodPapers;
        this.ledger = ledger;
        this.composer = composer;
        this.mailer = mailer;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** {@code IN_FEED}: composed and recorded for the feed of a subscriber who takes no mail. */
    public enum Outcome { SENT, IN_FEED, SKIPPED_EMPTY, ALREADY_DONE, NOT_DUE, REJECTED, FAILED }

    /** What a message did; {@code complete} is false when a subscriber must be tried again. */
    public record Report(Map<Outcome, Integer> outcomes, boolean complete) {
        public int count(Outcome outcome) {
            return outcomes.getOrDefault(outcome, 0);
        }
    }

    /**
     * Sends to every subscriber of the job. A failure for one does not stop the others; the
     * report then says the job is incomplete, so the message is retried (the sent ones are
     * claimed and skipped the second time). When SES refuses for the whole account (throttled after
     * retries, paused, the sender refused), or the invocation's time runs low, the job stops there,
     * incomplete: what is left goes back to the queue rather than be cut off mid-send by a timeout.
     */
    public Report send(DigestJob job, LongSupplier remainingMillis) {
        Period period = job.period();
        Ranker.Corpus corpus = periodPapers.of(period);
        Map<Outcome, Integer> outcomes = new LinkedHashMap<>();
        for (String id : job.subscribers()) {
            if (remainingMillis.getAsLong() < TIME_RESERVE_MILLIS) {
                return new Report(outcomes, false);
            }
            Outcome outcome;
            try {
                outcome = sendOne(id, period, corpus);
            } catch (DigestMailer.Paused | DigestMailer.Throttled | DigestMailer.Refused e) {
                throw e;
            } catch (RuntimeException e) {
                JsonLog.error("digest failed", Map.of("subscriberId", id, "period", period.id(), "error", JsonLog.describe(e)));
                outcome = Outcome.FAILED;
            }
            outcomes.merge(outcome, 1, Integer::sum);
            metrics.count(metricName(outcome));
        }
        return new Report(outcomes, !outcomes.containsKey(Outcome.FAILED));
    }

    private Outcome sendOne(String id, Period period, Ranker.Corpus corpus) {
        Optional<Subscriber> found = subscribers.find(id).filter(s -> s.receivesDigests() && isDue(s.preferences(), period));
        if (found.isEmpty()) {
            return Outcome.NOT_DUE;
        }
        Subscriber subscriber = found.get();
        List<Paper> chosen = choose(subscriber, period, corpus);
        if (chosen.isEmpty()) {
            String reason = corpus.papers().isEmpty() ? "no papers listed" : "no paper matches";
            return ledger.recordSkipped(id, period, reason, clock.instant()) ? Outcome.SKIPPED_EMPTY : Outcome.ALREADY_DONE;
        }
        if (ledger.claim(id, period, clock.instant()) == DigestLedger.Claim.TAKEN) {
            return Outcome.ALREADY_DONE;
        }
        if (!subscriber.preferences().delivery().mails()) {
            return deliverToFeed(id, period, chosen);
        }
        DigestComposer.Composed digest;
        try {
            digest = composer.compose(subscriber, period, chosen);
        } catch (RuntimeException e) {
            // Nothing reached SES: give the claim back, or the retry would find it taken and the digest
            // would be lost without a trace; this way a digest that can never be built ends in the DLQ.
            ledger.release(id, period);
            throw e;
        }
        return mail(id, period, digest);
    }

    /** The subscriber's ranked papers of the period, less those already sent in the history's window. */
    private List<Paper> choose(Subscriber subscriber, Period period, Ranker.Corpus corpus) {
        Set<String> sent = ledger.sentPapers(subscriber.id(), period.listDate().minusDays(DigestLedger.SENT_HISTORY.toDays()));
        return Ranker.rank(corpus, subscriber.preferences(), sent);
    }

    /**
     * A digest for the feed alone: nothing to render, archive or send, no slot of the sending rate (the
     * feed is written from the record). Recorded as delivered with its papers, so the feed shows them
     * and no later digest repeats them.
     */
    private Outcome deliverToFeed(String id, Period period, List<Paper> chosen) {
        try {
            ledger.markDeliveredToFeed(id, period, chosen.stream().map(Paper::id).toList(), clock.instant());
        } catch (RuntimeException e) {
            // Nothing left this process: give the claim back (unless the record was written after all) for the retry.
            ledger.release(id, period);
            throw e;
        }
        return Outcome.IN_FEED;
    }

    /** Marks, sends and records; SES's answer decides what becomes of the claim. */
    private Outcome mail(String id, Period period, DigestComposer.Composed digest) {
        try {
            ledger.markHandedToSes(id, period, digest.paperIds(), clock.instant());
            String messageId = mailer.send(digest.from(), digest.to(), digest.mime());
            ledger.markSent(id, period, messageId, digest.paperIds(), digest.archiveKey(), clock.instant());
            return Outcome.SENT;
        } catch (DigestMailer.Rejected e) {
            ledger.markFailed(id, period, "rejected: " + e.getMessage());
            return Outcome.REJECTED;
        } catch (DigestMailer.Throttled | DigestMailer.Paused | DigestMailer.Refused | DigestMailer.Declined e) {
            // SES said no: nothing went out, so the next delivery of the message may send it. Declined is this
            // mail's alone: send() counts it failed and goes on with the others.
            ledger.release(id, period);
            throw e;
        }
    }

    /** Sent, skipped (nothing to send, or nothing to do) and failed, as the dashboard groups them. */
    static String metricName(Outcome outcome) {
        return switch (outcome) {
            case SENT -> "DigestsSent";
            case IN_FEED -> "DigestsToFeed";
            case SKIPPED_EMPTY -> "DigestsSkipped";
            case NOT_DUE -> "DigestsNotDue";
            case ALREADY_DONE -> "DigestsAlreadyDone";
            case REJECTED, FAILED -> "DigestsFailed";
        };
    }

    /**
     * Preferences may have changed since the plan: still of the period's frequency. Which weekly subscribers a week goes to is the planner's
     * choice: a scheduled run carries the newest closed list to those whose local weekday it is,
     * which is not the list's own weekday (07:00 New York on Saturday carries Friday's list), and an
     * operator's replan names the list's weekday; the claim keeps it to one digest a period.
     */
    private static boolean isDue(Preferences preferences, Period period) {
        return preferences.frequency() == period.frequency();
    }
}
