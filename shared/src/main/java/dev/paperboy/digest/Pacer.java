package dev.paperboy.digest;

import java.util.function.LongSupplier;

/**
 * Spaces sends evenly at a fixed rate within one instance. With reserved concurrency N and each
 * instance at rate/N, the fleet never goes over the SES sending rate.
 */
public final class Pacer {
    /** Waits the given nanoseconds; may wake late, never early. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long next;

    public Pacer(double permitsPerSecond) {
        this(permitsPerSecond, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    Pacer(double permitsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(permitsPerSecond > 0)) {
            throw new IllegalArgumentException("the send rate must be positive");
        }
        this.intervalNanos = (long) (1_000_000_000L / permitsPerSecond);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.next = nanoTime.getAsLong();
    }

    /** Returns when the next send may go: at least one interval after the previous one went. */
    public synchronized void acquire() throws InterruptedException {
        long now = nanoTime.getAsLong();
        if (now < next) {
            sleeper.sleep(next - now);
            now = nanoTime.getAsLong();
        }
        // From when this send actually goes, not from its planned slot: a thread that woke late
        // (a busy machine, a GC pause) must not catch up with two sends close together.
        next = now + intervalNanos;
    }
}
