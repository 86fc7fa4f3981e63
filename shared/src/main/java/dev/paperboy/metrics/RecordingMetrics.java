package dev.paperboy.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** Keeps the counts in memory, for tests and local runs that look at what a use case counted. */
public final class RecordingMetrics implements Metrics {
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private int flushes;

    @Override
    public synchronized void count(String name, long n) {
        counts.merge(name, n, Long::sum);
    }

    /** Counts survive a flush here, so a test can read them after the handler flushed. */
    @Override
    public synchronized void flush() {
        flushes++;
    }

    public synchronized long get(String name) {
        return counts.getOrDefault(name, 0L);
    }

    public synchronized Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    public synchronized int flushes() {
        return flushes;
    }
}
