package dev.paperboy.digest;

import dev.paperboy.subscriber.Period;
import java.time.Instant;
import java.util.List;

/**
 * The digests a subscriber was given, mailed or put in their feed: what the private feed shows.
 * {@link DigestRecords} reads them from SubscribersTable; tests keep them in memory.
 */
public interface DigestHistory {
    /** One delivered digest: its period, when it was delivered, and its papers in the order it showed them. */
    record Delivered(Period period, Instant deliveredAt, List<String> paperIds) {
        public Delivered {
            paperIds = List.copyOf(paperIds);
        }
    }

    /** The subscriber's delivered digests, newest period first, at most {@code max}; skipped, failed and unfinished ones are not. */
    List<Delivered> delivered(String subscriberId, int max);
}
