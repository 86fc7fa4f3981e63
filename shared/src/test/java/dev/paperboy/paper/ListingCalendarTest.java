package dev.paperboy.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ListingCalendarTest {
    private static LocalDate latestAt(String instant) {
        return new ListingCalendar(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC)).latest();
    }

    @Test
    void beforeTheRolloverTheLatestListIsTodaysInNewYork() {
        // 21:29 in New York (EDT, UTC-4) is already the next day in UTC.
        assertEquals(LocalDate.of(2025, 8, 28), latestAt("2025-08-29T01:29:00Z"));
    }

    @Test
    void fromTheRolloverOnTheLatestListIsTomorrows() {
        assertEquals(LocalDate.of(2025, 8, 29), latestAt("2025-08-29T01:30:00Z"));
    }

    @Test
    void followsNewYorkOffsetInWinter() {
        // 21:30 EST is 02:30 UTC.
        assertEquals(LocalDate.of(2025, 12, 1), latestAt("2025-12-02T02:29:00Z"));
        assertEquals(LocalDate.of(2025, 12, 2), latestAt("2025-12-02T02:30:00Z"));
    }
}
