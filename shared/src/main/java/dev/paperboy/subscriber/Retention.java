package dev.paperboy.subscriber;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a subscriber's item is kept, by status: the table's TTL attribute ({@code expiresAt})
 * erases it. A confirmed subscriber is kept while subscribed. A suppressed mailbox also leaves a
 * suppression record that never expires and holds nothing but the keyed hash (its key) and why:
 * see {@link SubscriberRepository#recordSuppression}.
 */
public final class Retention {
    /** A subscription nobody confirmed. */
    public static final Duration PENDING = Duration.ofDays(7);
    /**
     * After unsubscribing, a hard bounce or a complaint: long enough to answer "why did I get
     * this" and to see a late bounce or complaint through, then the address is erased.
     */
    public static final Duration AFTER_LEAVING = Duration.ofDays(30);

    private Retention() {
    }

    public static Optional<Instant> expiresAt(Subscriber.Status status, Instant now) {
        return switch (status) {
            case PENDING -> Optional.of(now.plus(PENDING));
            case CONFIRMED -> Optional.empty();
            case UNSUBSCRIBED, SUPPRESSED -> Optional.of(now.plus(AFTER_LEAVING));
        };
    }
}
