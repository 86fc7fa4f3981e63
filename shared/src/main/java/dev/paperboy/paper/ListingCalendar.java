package dev.paperboy.paper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Which Daily Papers list is the latest. Lists are dated in America/New_York and the next day's
 * list starts at 21:30 there, so from 21:30 on the latest list is tomorrow's.
 */
public final class ListingCalendar {
    public static final ZoneId ZONE = ZoneId.of("America/New_York");
    public static final LocalDate FIRST_LIST = LocalDate.of(2023, 5, 4);
    private static final LocalTime ROLLOVER = LocalTime.of(21, 30);
    /**
     * The evening fetch runs at 22:00 New York (template.yaml's EveningFetch); with its 600 s
     * timeout and Lambda's two retries of a failed asynchronous invocation (after 1 and 2 minutes),
     * its last try ends by about 22:35. Two hours after the rollover leave room for that.
     */
    private static final Duration FETCHED_WITHIN = Duration.ofHours(2);

    private final Clock clock;

    public ListingCalendar(Clock clock) {
        this.clock = clock;
    }

    public LocalDate latest() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZONE));
        return now.toLocalTime().isBefore(ROLLOVER) ? now.toLocalDate() : now.toLocalDate().plusDays(1);
    }

    /** {@link #newestClosedAt} now. */
    public LocalDate newestClosed() {
        return newestClosedAt(clock.instant());
    }

    /**
     * The list a digest sent at {@code at} carries: the newest one closed and fetched by then. A
     * list stops filling at its day's 21:30 in New York, when the next one starts, and the evening
     * fetch stores it closed; two hours after the rollover it is in the table whole. A digest never
     * carries a list still filling up: mailed earlier, it would miss the papers added after.
     */
    public static LocalDate newestClosedAt(Instant at) {
        LocalDate today = at.atZone(ZONE).toLocalDate();
        return at.isBefore(closedBy(today)) ? today.minusDays(1) : today;
    }

    /** From this instant until {@code closedBy(list + 1)}, {@code list} is the newest closed list. */
    static Instant closedBy(LocalDate list) {
        return ZonedDateTime.of(list, ROLLOVER, ZONE).plus(FETCHED_WITHIN).toInstant();
    }

    /**
     * The lists that closed after {@code previous} and by {@code at}, oldest first. One a day,
     * mostly; none or two when the two instants are 23 or 25 hours apart (a schedule's zone changed
     * its clocks on another date than New York), so a schedule that plans these loses no list.
     */
    public static List<LocalDate> closedBetween(Instant previous, Instant at) {
        return newestClosedAt(previous).plusDays(1).datesUntil(newestClosedAt(at).plusDays(1)).toList();
    }
}
