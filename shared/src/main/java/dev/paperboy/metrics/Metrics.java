package dev.paperboy.metrics;

/**
 * Counts what a use case did, for CloudWatch. Counts add up during an invocation; the handler
 * flushes once at the end, so an invocation is one log line of metrics, not one per event.
 */
public interface Metrics {
    /** Adds n to the named count (a name in UpperCamelCase, as CloudWatch shows it). */
    void count(String name, long n);

    default void count(String name) {
        count(name, 1);
    }

    /** Writes what was counted since the last flush, and starts again from nothing. */
    void flush();

    /** Counts nothing: for wiring that has no one to report to. */
    static Metrics none() {
        return None.INSTANCE;
    }

    /** The no-op, as an enum so there is exactly one. */
    enum None implements Metrics {
        INSTANCE;

        @Override
        public void count(String name, long n) {
        }

        @Override
        public void flush() {
        }
    }
}
