package dev.paperboy.digest;

import java.time.Duration;

/**
 * Spaces sends evenly at a fixed rate within one instance. With reserved concurrency N and each
 * instance at rate/N, the fleet never goes over the SES sending rate.
 */
public final class Pacer {
    private final long intervalNanos;
    private long next = System.nanoTime();

    public Pacer(double permitsPerSecond) {
        if (permitsPerSecond <= 0) {
            throw new IllegalArgumentException("the send rate must be positive");
        }
        this.intervalNanos = (long) (1_000_000_000L / permitsPerSecond);
    }

    public synchronized void acquire() throws InterruptedException {
        long now = System.nanoTime();
        long at = Math.max(now, next);
        next = at + intervalNanos;
        long wait = at - now;
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }
}
