package dev.paperboy.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A token bucket per client address, in this container's memory: a first line against a burst of
 * form posts from one place. API Gateway's stage throttling is the fleet-wide limit.
 */
public final class RateLimiter {
    private static final int MAX_CLIENTS = 10_000;

    private final int capacity;
    private final Duration refillEvery;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    private static final class Bucket {
        double tokens;
        Instant at;
    }

    public RateLimiter(int capacity, Duration refillEvery, Clock clock) {
        this.capacity = capacity;
        this.refillEvery = refillEvery;
        this.clock = clock;
    }

    /** Empty if the client may go ahead, else how long it should wait. */
    public synchronized Optional<Duration> acquire(String client) {
        Instant now = clock.instant();
        Bucket bucket = buckets.computeIfAbsent(client, k -> {
            Bucket b = new Bucket();
            b.tokens = capacity;
            b.at = now;
            return b;
        });
        double refilled = (double) Duration.between(bucket.at, now).toMillis() / refillEvery.toMillis();
        bucket.tokens = Math.min(capacity, bucket.tokens + refilled);
        bucket.at = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Optional.empty();
        }
        long waitMillis = (long) Math.ceil((1 - bucket.tokens) * refillEvery.toMillis());
        return Optional.of(Duration.ofMillis(waitMillis));
    }
}
