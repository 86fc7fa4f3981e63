package dev.paperboy.subscriber;

import dev.paperboy.json.JsonLog;
import dev.paperboy.keys.Keys;
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
    private final Keys keys;
    private final Clock clock;
    private final ConflictBackoff backoff;

    public SubscriberUpdates(SubscriberRepository repository, Keys keys, Clock clock) {
        this(repository, keys, clock, ConflictBackoff.standard());
    }

    public SubscriberUpdates(SubscriberRepository repository, Keys keys, Clock clock, ConflictBackoff backoff) {
        this.repository = repository;
        this.keys = keys;
        this.clock = clock;
        this.backoff = backoff;
    }

    /** Applies {@code next} to the current subscriber until the write is not overtaken; null from next means no change allowed. */
    public Optional<Subscriber> change(String id, UnaryOperator<Subscriber> next) {
        return backoff.retry("changing subscriber " + id, () -> tryChange(id, next));
    }

    /** One read and conditional write: empty when overtaken, else what the change came to. */
    private Optional<Optional<Subscriber>> tryChange(String id, UnaryOperator<Subscriber> next) {
        Optional<Subscriber> current = repository.find(id);
        if (current.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        Subscriber before = current.get();
        Subscriber after = next.apply(before);
        if (after == null) {
            return Optional.of(Optional.empty());
        }
        if (after == before) {
            return Optional.of(Optional.of(before));
        }
        Optional<Instant> expiresAt = Retention.expiresAt(after.status(), clock.instant());
        return repository.update(before, after, expiresAt) ? Optional.of(Optional.of(after)) : Optional.empty();
    }

    /**
     * A hard bounce or a complaint: never mail the address again, whatever its state. A new
     * subscription cannot undo it (subscribing leaves suppressed addresses alone). The profile,
     * address included, is erased {@link Retention#AFTER_LEAVING} later; the suppression record,
     * written first so that a failure in between still suppresses, stays. True when the address is
     * one of ours (now suppressed), false when nobody subscribed with it (it is recorded all the same:
     * a mailbox that bounced must not be mailed if someone subscribes it later).
     */
    public boolean suppress(EmailAddress email, String reason) {
        String id = SubscriberId.of(keys, email);
        repository.recordSuppression(id, reason, clock.instant());
        Optional<Subscriber> suppressed = change(id, s -> s.status() == Subscriber.Status.SUPPRESSED ? s : s.nextSuppressed(clock.instant()));
        JsonLog.info("suppressed", Map.of("emailHash", email.hash(keys), "reason", reason, "subscribed", suppressed.isPresent()));
        return suppressed.isPresent();
    }
}
