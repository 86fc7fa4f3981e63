package dev.paperboy.subscriber;

/** Input a person can correct; the message is written for them. */
public final class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }
}
