package dev.paperboy.subscriber;

import java.time.Instant;
import java.util.Optional;

/** One address and what it asked for. The id is derived from the address (see {@link SubscriberId}). */
public record Subscriber(String id, EmailAddress email, Status status, Preferences preferences,
                         Instant createdAt, Instant updatedAt, Optional<Instant> confirmedAt, long version) {

    public enum Status {
        /** Asked, not confirmed; expires by TTL. */
        PENDING,
        CONFIRMED,
        /** Left; mailed nothing until subscribing again. */
        UNSUBSCRIBED,
        /** Bounced hard or complained; never mailed again. */
        SUPPRESSED
    }

    public boolean receivesDigests() {
        return status == Status.CONFIRMED;
    }
}
