package dev.paperboy.paper;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Which Daily Papers list is the latest. Lists are dated in America/New_York and the next day's
 * list starts at 21:30 there, so from 21:30 on the latest list is tomorrow's.
 */
public final class ListingCalendar {
    public static final ZoneId ZONE = ZoneId.of("America/New_York");
    public static final LocalDate FIRST_LIST = LocalDate.of(2023, 5, 4);
    private static final LocalTime ROLLOVER = LocalTime.of(21, 30);

    private final Clock clock;

    public ListingCalendar(Clock clock) {
        this.clock = clock;
    }

    public LocalDate latest() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZONE));
        return now.toLocalTime().isBefore(ROLLOVER) ? now.toLocalDate() : now.toLocalDate().plusDays(1);
    }
}
