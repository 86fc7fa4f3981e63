package dev.paperboy.source;

import java.io.IOException;

/** An answer longer than the reader takes: it stopped reading there, and trying again would only read as much. */
public final class ResponseTooLargeException extends IOException {
    public ResponseTooLargeException(int limit) {
        super("the answer is larger than " + limit + " bytes, the most a page may take; not read further");
    }
}
