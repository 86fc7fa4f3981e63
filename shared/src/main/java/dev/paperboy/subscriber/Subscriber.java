package dev.paperboy.subscriber;

import java.time.Instant;
import java.util.Optional;

/**
 * One address and what it asked for. The id is derived from the address (see {@link SubscriberId}).
 * Each change makes the next version: the repository writes it only over the version it came from.
 * {@code feedGeneration} is signed into the private feed's link: replacing the link counts it up,
 * and so does leaving; links of an earlier generation stop working.
 */
public record Subscriber(String id, EmailAddress email, Status status, Preferences preferences,
                         Instant createdAt, Instant updatedAt, Optional<Instant> confirmedAt, long version, long feedGeneration) {

    /** A subscriber whose feed link was never replaced. */
    public Subscriber(String id, EmailAddress email, Status status, Preferences preferences,
                      Instant createdAt, Instant updatedAt, Optional<Instant> confirmedAt, long version) {
        this(id, email, status, preferences, createdAt, updatedAt, confirmedAt, version, 0);
    }

    public enum Status {
        /** Asked, not confirmed; expires by TTL. */
        PENDING,
        CONFIRMED,
        /** Left; mailed nothing until subscribing again. */
        UNSUBSCRIBED,
        /** Bounced hard or complained; never mailed again. */
        SUPPRESSED
    }

    /** A first subscription, not yet confirmed. */
    public static Subscriber pending(String id, EmailAddress email, Preferences preferences, Instant now) {
        return new Subscriber(id, email, Status.PENDING, preferences, now, now, Optional.empty(), 1);
    }

    public boolean receivesDigests() {
        return status == Status.CONFIRMED;
    }

    /** Asked again (after leaving, or before confirming): pending, with this address and these preferences. */
    public Subscriber nextPending(EmailAddress address, Preferences asked, Instant now) {
        return new Subscriber(id, address, Status.PENDING, asked, createdAt, now, Optional.empty(), version + 1, feedGeneration);
    }

    public Subscriber nextConfirmed(Instant now) {
        return new Subscriber(id, email, Status.CONFIRMED, preferences, createdAt, now, Optional.of(now), version + 1, feedGeneration);
    }

    public Subscriber nextWithPreferences(Preferences changed, Instant now) {
        return new Subscriber(id, email, status, changed, createdAt, now, confirmedAt, version + 1, feedGeneration);
    }

    /** Left: the feed link ends with the subscription, for good (subscribing again gives a new one). */
    public Subscriber nextUnsubscribed(Instant now) {
        return new Subscriber(id, email, Status.UNSUBSCRIBED, preferences, createdAt, now, Optional.empty(), version + 1, feedGeneration + 1);
    }

    /** Never mailed again; the feed link ends too, as on leaving. */
    public Subscriber nextSuppressed(Instant now) {
        return new Subscriber(id, email, Status.SUPPRESSED, preferences, createdAt, now, confirmedAt, version + 1, feedGeneration + 1);
    }

    /** The same, with a new feed link: the old one stops working. */
    public Subscriber nextWithNewFeedLink(Instant now) {
        return new Subscriber(id, email, status, preferences, createdAt, now, confirmedAt, version + 1, feedGeneration + 1);
    }
}
