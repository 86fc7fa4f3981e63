package dev.paperboy.subscriber;

/**
 * A change to a subscriber was overtaken by other changes on every attempt: nothing was written,
 * and the caller may try again shortly (the API answers 503 with Retry-After, not 500).
 */
public final class ConcurrentChangeException extends RuntimeException {
    public ConcurrentChangeException(String message) {
        super(message);
    }
}
