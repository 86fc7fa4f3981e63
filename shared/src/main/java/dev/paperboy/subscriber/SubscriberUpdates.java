package dev.paperboy.subscriber;

import dev.paperboy.json.JsonLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Changes to one subscriber, each a read and then a write conditional on the version read,
 * retried with jittered backoff when another change got there first: concurrent actions on one
 * address are applied one after the other, the last one wins, none is lost.
 */
public final class SubscriberUpdates {
    private final SubscriberRepository repository;
    private final Clock clock;
    private final ConflictBackoff backoff;

    public SubscriberUpdates(SubscriberRepository repository, Clock clock) {
        this(repository, clock, ConflictBackoff.standard());
    }

    public SubscriberUpdates(SubscriberRepository repository, Clock clock, ConflictBackoff backoff) {
        this.repository = repository;
        this.clock = clock;
        this.backoff = backoff;
    }

    /** Applies {@code next} to the current subscriber until the write is not overtaken; null from next means no change allowed. */
    public Optional<Subscriber> change(String id, UnaryOperator<Subscriber> next) {
        for (int attempt = 0; attempt < backoff.maxAttempts(); attempt++) {
            backoff.pauseBefore(attempt);
            Optional<Subscriber> current = repository.find(id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Subscriber before = current.get();
            Subscriber after = next.apply(before);
            if (after == null) {
                return Optional.empty();
            }
            if (after == before) {
                return Optional.of(before);
            }
            Optional<Instant> expiresAt = after.status() == Subscriber.Status.PENDING
                    ? Optional.of(clock.instant().plus(Subscriptions.PENDING_LIFETIME)) : Optional.empty();
            if (repository.update(after, before.version(), expiresAt)) {
                return Optional.of(after);
            }
        }
        throw new ConcurrentChangeException("changing subscriber " + id + " was overtaken " + backoff.maxAttempts() + " times");
    }

    /**
     * A hard bounce or a complaint: never mail the address again, whatever its state. A new
     * subscription cannot undo it (subscribing leaves suppressed addresses alone). True when the
     * address is one of ours (now suppressed), false when nobody subscribed with it.
     */
    public boolean suppress(EmailAddress email, String reason) {
        Optional<Subscriber> suppressed = change(SubscriberId.of(email), s -> s.status() == Subscriber.Status.SUPPRESSED ? s
                : new Subscriber(s.id(), s.email(), Subscriber.Status.SUPPRESSED, s.preferences(), s.createdAt(), clock.instant(),
                        s.confirmedAt(), s.version() + 1));
        suppressed.ifPresent(s -> JsonLog.info("suppressed", Map.of("emailHash", email.hash(), "reason", reason)));
        return suppressed.isPresent();
    }
}
