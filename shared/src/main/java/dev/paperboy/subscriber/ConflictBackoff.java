package dev.paperboy.subscriber;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * How a change overtaken by another change to the same subscriber is tried again: a bounded number
 * of attempts, with exponential backoff and full jitter between them, so that racing writers spread
 * out instead of colliding again in step. When the attempts run out the caller gets
 * {@link ConcurrentChangeException} (the API answers 503 with Retry-After).
 */
public final class ConflictBackoff {
    private final int maxAttempts;
    private final Duration base;
    private final Duration cap;

    public ConflictBackoff(int maxAttempts, Duration base, Duration cap) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.cap = cap;
    }

    /** Eight attempts over at most about a second: well inside the API function's timeout. */
    public static ConflictBackoff standard() {
        return new ConflictBackoff(8, Duration.ofMillis(10), Duration.ofMillis(250));
    }

    /**
     * Runs {@code attempt} until it is not overtaken (it answers empty when another change got there
     * first), waiting between tries; when the attempts run out, {@link ConcurrentChangeException}
     * naming {@code what}.
     */
    public <T> T retry(String what, Supplier<Optional<T>> attempt) {
        for (int n = 0; n < maxAttempts; n++) {
            pauseBefore(n);
            Optional<T> done = attempt.get();
            if (done.isPresent()) {
                return done.get();
            }
        }
        throw new ConcurrentChangeException(what + " was overtaken " + maxAttempts + " times");
    }

    /** Waits before attempt {@code attempt} (0 is the first, which does not wait). */
    private void pauseBefore(int attempt) {
        if (attempt == 0) {
            return;
        }
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
        long millis = ThreadLocalRandom.current().nextLong(ceiling + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrentChangeException("interrupted while waiting to retry a change");
        }
    }
}
