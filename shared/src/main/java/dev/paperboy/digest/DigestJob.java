package dev.paperboy.digest;

import dev.paperboy.subscriber.Period;
import java.util.List;

/**
 * One queue message: a period and up to {@link #MAX_SUBSCRIBERS} subscribers to send it to. On the
 * queue, {@code {"period": "2025-08-29-daily", "subscribers": [...]}}.
 */
public record DigestJob(Period period, List<String> subscribers) {
    /** Enough to fill a send instance's second or two; few enough that a retried message redoes little. */
    public static final int MAX_SUBSCRIBERS = 25;

    public DigestJob {
        subscribers = List.copyOf(subscribers);
    }
}
