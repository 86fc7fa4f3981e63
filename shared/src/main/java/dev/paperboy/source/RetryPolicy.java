package dev.paperboy.source;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before trying a request again. Server errors and timeouts back off
 * exponentially with jitter; a rate limit waits as long as the server says, up to a cap; all
 * waits of one request together stay within a budget.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxServerWait, Duration budget) {

    public static RetryPolicy standard() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60), Duration.ofSeconds(120));
    }

    /** Exponential backoff with "equal jitter": half fixed so retries never bunch at zero, half random. */
    public Duration backoff(int retry, RandomGenerator random) {
        long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(retry, 20));
        long half = ceiling / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
