package dev.paperboy.digest;

import dev.paperboy.subscriber.Period;

/** Keeps each rendered digest so that its "view in browser" page can show it. */
public interface DigestArchive {
    /** Stores the HTML and returns its key. */
    String store(Period period, String subscriberId, String html);

    java.util.Optional<String> read(Period period, String subscriberId);
}
