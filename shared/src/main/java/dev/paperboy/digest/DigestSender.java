package dev.paperboy.digest;

import dev.paperboy.render.DigestRenderer;
import dev.paperboy.render.RenderedDigest;
import dev.paperboy.mail.DigestMailer;
import dev.paperboy.subscriber.Period;
import dev.paperboy.json.JsonLog;
import dev.paperboy.mail.MimeDigest;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.subscriber.Links;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Sends one queue message's digests. For each subscriber: rank the period's papers minus the ones
 * already sent; nothing left is recorded as skipped; else claim (subscriber, period) with a
 * conditional write, render, archive, pace, mark the claim as handed to SES, send, and record the
 * SES message id.
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
    private static final int THROTTLE_RETRIES = 6;
    /** Enough for one more digest with its throttle retries (about 6 s) and the answer to Lambda. */
    private static final long TIME_RESERVE_MILLIS = 15_000;
    private static final int SENT_HISTORY_DAYS = 90;

    private final SubscriberRepository subscribers;
    private final PaperRepository papers;
    private final DigestRecords records;
    private final DigestRenderer renderer;
    private final DigestArchive archive;
    private final DigestMailer mailer;
    private final Pacer pacer;
    private final Links links;
    private final String from;
    private final Clock clock;
    private final Metrics metrics;
    private final Map<String, Ranker.Corpus> corpora = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ranker.Corpus> eldest) {
            return size() > 2;
        }
    };

    public DigestSender(SubscriberRepository subscribers, PaperRepository papers, DigestRecords records, DigestRenderer renderer,
                        DigestArchive archive, DigestMailer mailer, Pacer pacer, Links links, String from, Clock clock,
                        Metrics metrics) {
        this.subscribers = subscribers;
        this.papers = papers;
        this.records = records;
        this.renderer = renderer;
        this.archive = archive;
        this.mailer = mailer;
        this.pacer = pacer;
        this.links = links;
        this.from = from;
        this.clock = clock;
        this.metrics = metrics;
    }

    public enum Outcome { SENT, SKIPPED_EMPTY, ALREADY_DONE, NOT_DUE, REJECTED, FAILED }

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
        Ranker.Corpus corpus = corpus(period);
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
        Optional<Subscriber> found = subscribers.find(id);
        if (found.isEmpty() || !found.get().receivesDigests() || !isDue(found.get().preferences(), period)) {
            return Outcome.NOT_DUE;
        }
        Subscriber subscriber = found.get();
        Set<String> sent = records.sentPapers(id, period.listDate().minusDays(SENT_HISTORY_DAYS));
        List<Paper> chosen = Ranker.rank(corpus, subscriber.preferences(), sent);
        if (chosen.isEmpty()) {
            return records.recordSkipped(id, period, corpus.papers().isEmpty() ? "no papers listed" : "no paper matches", clock.instant())
                    ? Outcome.SKIPPED_EMPTY : Outcome.ALREADY_DONE;
        }
        if (records.claim(id, period, clock.instant()) == DigestRecords.Claim.TAKEN) {
            return Outcome.ALREADY_DONE;
        }
        RenderedDigest digest;
        String archiveKey;
        byte[] mime;
        try {
            String unsubscribe = links.unsubscribe(id);
            digest = renderer.render(period, chosen, subscriber.preferences(), new DigestRenderer.Links(
                    links.preferences(id), unsubscribe, links.digest(period.id(), id), links.home()));
            // The web copy: "view in browser" must not hand whoever has its link the subscriber's unsubscribe or preferences.
            archiveKey = archive.store(period, id, digest.webHtml());
            mime = MimeDigest.build(from, subscriber.email(), digest, unsubscribe);
        } catch (RuntimeException e) {
            // Nothing reached SES: give the claim back, or the retry would find it taken and the digest
            // would be lost without a trace; this way a digest that can never be built ends in the DLQ.
            records.release(id, period);
            throw e;
        }
        try {
            records.markHandedToSes(id, period, digest.paperIds(), clock.instant());
            String messageId = sendPaced(subscriber, mime);
            records.markSent(id, period, messageId, digest.paperIds(), archiveKey, clock.instant());
            return Outcome.SENT;
        } catch (DigestMailer.Rejected e) {
            records.markFailed(id, period, "rejected: " + e.getMessage());
            return Outcome.REJECTED;
        } catch (DigestMailer.Throttled | DigestMailer.Paused | DigestMailer.Refused | DigestMailer.Declined e) {
            // SES said no: nothing went out, so the next delivery of the message may send it. Declined is this
            // mail's alone: send() counts it failed and goes on with the others.
            records.release(id, period);
            throw e;
        }
    }

    /** Sent, skipped (nothing to send, or nothing to do) and failed, as the dashboard groups them. */
    static String metricName(Outcome outcome) {
        return switch (outcome) {
            case SENT -> "DigestsSent";
            case SKIPPED_EMPTY -> "DigestsSkipped";
            case NOT_DUE -> "DigestsNotDue";
            case ALREADY_DONE -> "DigestsAlreadyDone";
            case REJECTED, FAILED -> "DigestsFailed";
        };
    }

    /** Preferences may have changed since the plan: a weekly digest also needs its day. */
    private static boolean isDue(Preferences preferences, Period period) {
        return preferences.frequency() == period.frequency()
                && (period.frequency() == Preferences.Frequency.DAILY || preferences.weeklyDay() == period.listDate().getDayOfWeek());
    }

    private String sendPaced(Subscriber subscriber, byte[] mime) {
        for (int attempt = 0; ; attempt++) {
            try {
                pacer.acquire();
                return mailer.send(from, subscriber.email(), mime);
            } catch (DigestMailer.Throttled e) {
                metrics.count("SesThrottled");
                if (attempt >= THROTTLE_RETRIES) {
                    throw e;
                }
                sleep(Duration.ofMillis(Math.min(5_000, 100L << attempt)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DigestMailer.Throttled("interrupted while pacing");
            }
        }
    }

    private synchronized Ranker.Corpus corpus(Period period) {
        return corpora.computeIfAbsent(period.id(), k -> {
            List<Paper> all = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            for (java.time.LocalDate day : period.days()) {
                for (Paper p : papers.papersOf(day)) {
                    if (seen.add(p.id())) {
                        all.add(p);
                    }
                }
            }
            return Ranker.prepare(all);
        });
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DigestMailer.Throttled("interrupted while backing off");
        }
    }
}
