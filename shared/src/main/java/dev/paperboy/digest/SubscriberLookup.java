package dev.paperboy.digest;

import dev.paperboy.subscriber.Subscriber;
import java.util.Optional;

/** The subscriber a job names, as stored now (preferences may have changed since the plan). */
@FunctionalInterface
public interface SubscriberLookup {
    Optional<Subscriber> find(String subscriberId);
}
