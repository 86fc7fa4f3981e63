package dev.paperboy.paper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The times a paper can carry: years 0001 to 9999. {@link Instant} reaches far past them, but the
 * formats that show a time (RFC 1123 in the feed, four-digit years everywhere people read them)
 * cannot, and no paper was published in year 0 or 10000. Such a date is refused, not clamped: a
 * clamped 9999-12-31 would show, and sort, as if it were real, while no date is what the source
 * gives for many papers already.
 */
public final class PaperDates {
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant AFTER_LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private PaperDates() {
    }

    /** An ISO-8601 instant in years 0001-9999; empty for anything else (unparsable text, year 0, year 10000). */
    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(Instant.parse(text.strip())).filter(PaperDates::inRange);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(AFTER_LATEST);
    }
}
