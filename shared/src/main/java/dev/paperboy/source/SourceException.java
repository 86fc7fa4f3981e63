package dev.paperboy.source;

import java.time.LocalDate;

/** A day that could not be fetched or read, with what the source answered. */
public final class SourceException extends RuntimeException {
    private final LocalDate date;

    public SourceException(LocalDate date, String message) {
        super(date + ": " + message);
        this.date = date;
    }

    public SourceException(LocalDate date, String message, Throwable cause) {
        super(date + ": " + message, cause);
        this.date = date;
    }

    public LocalDate date() {
        return date;
    }
}
