package dev.paperboy.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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

    @Test
    void aDigestCarriesTheListClosedAndFetchedTwoHoursAfterItsRollover() {
        // Thursday 2026-12-03, New York in EST (UTC-5): Wednesday's list closed at 21:30, fetched from 22:00.
        assertEquals(LocalDate.of(2026, 12, 1), ListingCalendar.newestClosedAt(Instant.parse("2026-12-03T04:29:00Z")), "23:29 Wednesday");
        assertEquals(LocalDate.of(2026, 12, 2), ListingCalendar.newestClosedAt(Instant.parse("2026-12-03T04:30:00Z")), "23:30 Wednesday");
        assertEquals(LocalDate.of(2026, 12, 2), ListingCalendar.newestClosedAt(Instant.parse("2026-12-03T12:00:00Z")), "07:00 Thursday");
    }

    @Test
    void aListStillFillingIsNeverTheOneCarried() {
        for (Instant at = Instant.parse("2026-01-01T00:00:00Z"); at.isBefore(Instant.parse("2027-01-01T00:00:00Z")); at = at.plusSeconds(900)) {
            LocalDate carried = ListingCalendar.newestClosedAt(at);
            LocalDate filling = new ListingCalendar(Clock.fixed(at, ZoneOffset.UTC)).latest();
            assertTrue(carried.isBefore(filling), at + " carries " + carried + " while " + filling + " fills");
            assertFalse(at.isBefore(ListingCalendar.closedBy(carried)), at + " before " + carried + " is fetched");
        }
    }

    @Test
    void theListsClosedBetweenTwoInstantsAreUsuallyOneAndNoneIsLeftOut() {
        Instant wednesdayMorning = Instant.parse("2026-12-02T12:00:00Z");
        Instant thursdayMorning = Instant.parse("2026-12-03T12:00:00Z");

        assertEquals(List.of(LocalDate.of(2026, 12, 2)), ListingCalendar.closedBetween(wednesdayMorning, thursdayMorning));
        assertEquals(List.of(), ListingCalendar.closedBetween(thursdayMorning, thursdayMorning.plusSeconds(3600)));
        assertEquals(List.of(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 3)),
                ListingCalendar.closedBetween(wednesdayMorning, thursdayMorning.plus(java.time.Duration.ofHours(25))));
    }
}
