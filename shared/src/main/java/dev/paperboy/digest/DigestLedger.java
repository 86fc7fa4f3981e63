package dev.paperboy.digest;

import dev.paperboy.subscriber.Period;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What the sender keeps of each (subscriber, period): the claim that makes a digest go out at most
 * once, the marks of how far it got, and the papers it carried. {@link DigestRecords} keeps them in
 * SubscribersTable; tests keep them in memory.
 */
public interface DigestLedger {
    /**
     * How far back the no-repeat rule looks: a paper carried by a digest whose period was listed within
     * this time before the current one is not sent again.
     */
    Duration SENT_HISTORY = Duration.ofDays(90);

    enum Claim {
        /** Ours to send. */
        CLAIMED,
        /** Sent, skipped, claimed by a send that may have reached SES, or claimed moments ago: not now. */
        TAKEN
    }

    /** Takes the period for the subscriber, unless another send has it or had it. */
    Claim claim(String subscriberId, Period period, Instant now);

    /**
     * Written just before the mail goes to SES: from here on the send may have happened, so the claim
     * is never taken over, and its papers count as sent. Fails when the claim is no longer ours.
     */
    void markHandedToSes(String subscriberId, Period period, List<String> paperIds, Instant now);

    void markSent(String subscriberId, Period period, String messageId, List<String> paperIds, String archiveKey, Instant now);

    /**
     * A digest for the feed alone (the subscriber takes no mail): recorded delivered with its papers,
     * which count as sent; nothing goes to SES. Fails when the claim is no longer ours.
     */
    void markDeliveredToFeed(String subscriberId, Period period, List<String> paperIds, Instant now);

    /** An empty digest, recorded so that the period is done for this subscriber; false if it already was. */
    boolean recordSkipped(String subscriberId, Period period, String reason, Instant now);

    /** Gives a claim back when nothing was sent: a later delivery may send it. */
    void release(String subscriberId, Period period);

    /** SES refused the mail for good (a bad address): the period is done, nothing to retry, no paper was sent. */
    void markFailed(String subscriberId, Period period, String reason);

    /** The papers sent to the subscriber in digests of periods listed since the given day. */
    Set<String> sentPapers(String subscriberId, LocalDate since);
}
