package dev.paperboy.web;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Makes an answer take at least a fixed time, so that how long it took does not tell what was done
 * behind it: a subscribe that mails (DynamoDB writes, then SES) and one that mails nobody (a
 * suppressed or limited address) answer after the same floor. It hides differences below the
 * floor only; a slower SES call shows through.
 */
public final class ResponseFloor {
    /** Waits; may wake late, never early. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long floorNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    public ResponseFloor(Duration floor, LongSupplier nanoTime, Sleeper sleeper) {
        this.floorNanos = floor.toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    public static ResponseFloor of(Duration floor) {
        return new ResponseFloor(floor, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /** Runs the work, then waits out what is left of the floor (also when the work failed). */
    public void run(Runnable work) {
        long start = nanoTime.getAsLong();
        try {
            work.run();
        } finally {
            long left = floorNanos - (nanoTime.getAsLong() - start);
            if (left > 0) {
                try {
                    sleeper.sleep(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
