package dev.paperboy.digest;

import java.util.List;

/** Where digest jobs wait for a sender. */
@FunctionalInterface
public interface DigestQueue {
    /** The most jobs one {@link #enqueue} takes (SQS's SendMessageBatch limit). */
    int MAX_BATCH = 10;

    /** Enqueues up to {@link #MAX_BATCH} jobs, all of them or an exception; answers the requests it took. */
    int enqueue(List<DigestJob> jobs);
}
