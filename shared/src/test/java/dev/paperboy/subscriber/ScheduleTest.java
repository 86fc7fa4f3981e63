package dev.paperboy.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.subscriber.Preferences.Frequency;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Stream<String> zones() {
        return Stream.of("America/New_York", "Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Asia/Tokyo",
                "America/St_Johns", "Pacific/Chatham", "America/Santiago", "America/Nuuk", "UTC");
    }

    /** Over a year of planner runs, every (zone, hour) comes due exactly once on each local day: DST gaps and overlaps included. */
    @ParameterizedTest
    @MethodSource("zones")
    void everyHourOfEveryLocalDayIsDueExactlyOnceOverAYearOfQuarterHours(String id) {
        ZoneId zone = ZoneId.of(id);
        Map<LocalDate, int[]> timesDue = new HashMap<>();
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant until = Instant.parse("2027-01-01T00:00:00Z");
        for (Instant at = from; at.isBefore(until); at = at.plusSeconds(Schedule.RUN_MINUTES * 60L)) {
            for (Schedule due : Schedule.dueAt(at, Set.of(zone))) {
                if (due.frequency() == Frequency.DAILY) {
                    LocalDate day = Schedule.dayDueAt(zone, due.hour(), at).orElseThrow();
                    assertEquals(day.getDayOfWeek(), due.weeklyDay(), "the weekly schedule due is its local day's");
                    Instant previous = due.previousSlot(at);
                    assertEquals(Optional.of(day.minusDays(1)), Schedule.dayDueAt(zone, due.hour(), previous), "the slot before is the day before's");
                    long minutesBetween = Duration.between(previous, at).toMinutes();
                    assertTrue(minutesBetween >= 22 * 60 && minutesBetween <= 26 * 60, id + " " + at + ": " + minutesBetween + " minutes since the slot before");
                    timesDue.computeIfAbsent(day, d -> new int[24])[due.hour()]++;
                }
            }
        }
        LocalDate first = from.atZone(zone).toLocalDate().plusDays(1);
        LocalDate last = until.atZone(zone).toLocalDate().minusDays(1);
        for (LocalDate day = first; day.isBefore(last); day = day.plusDays(1)) {
            int[] counts = timesDue.getOrDefault(day, new int[24]);
            for (int hour = 0; hour < 24; hour++) {
                assertEquals(1, counts[hour], id + " " + day + " " + hour + ":00");
            }
        }
    }

    @Test
    void aSkippedHourIsDueWithTheHourAfterTheGap() {
        // 2026-03-08 in New York: 02:00 EST jumps to 03:00 EDT, 07:00 UTC.
        List<Schedule> due = Schedule.dueAt(Instant.parse("2026-03-08T07:00:00Z"), Set.of(NEW_YORK));

        assertEquals(List.of(2, 3), due.stream().filter(s -> s.frequency() == Frequency.DAILY).map(Schedule::hour).toList());
    }

    @Test
    void elevenPmSkippedByAGapAtMidnightIsDueAsTheDayBeforesAtMidnight() {
        // 2026-03-28 in Nuuk (-02): Saturday 23:00 jumps to Sunday 00:00 (-01), 01:00 UTC.
        ZoneId nuuk = ZoneId.of("America/Nuuk");
        Instant midnight = Instant.parse("2026-03-29T01:00:00Z");
        List<Schedule> due = Schedule.dueAt(midnight, Set.of(nuuk));

        assertEquals(List.of(new Schedule(Frequency.DAILY, DayOfWeek.SUNDAY, 0, nuuk), new Schedule(Frequency.WEEKLY, DayOfWeek.SUNDAY, 0, nuuk),
                new Schedule(Frequency.DAILY, DayOfWeek.SATURDAY, 23, nuuk), new Schedule(Frequency.WEEKLY, DayOfWeek.SATURDAY, 23, nuuk)), due);
        assertEquals(Instant.parse("2026-03-28T01:00:00Z"), due.get(2).previousSlot(midnight), "Friday 23:00 (-02)");
    }

    @Test
    void aRepeatedHourIsDueOnceAtItsFirstOccurrence() {
        // 2026-10-25 in Berlin: 03:00 CEST goes back to 02:00 CET; 02:00 happens at 00:00 and 01:00 UTC.
        assertEquals(List.of(2), dailyHours(Schedule.dueAt(Instant.parse("2026-10-25T00:00:00Z"), Set.of(BERLIN))));
        assertEquals(List.of(), dailyHours(Schedule.dueAt(Instant.parse("2026-10-25T01:00:00Z"), Set.of(BERLIN))));
        assertEquals(List.of(3), dailyHours(Schedule.dueAt(Instant.parse("2026-10-25T02:00:00Z"), Set.of(BERLIN))));
    }

    @Test
    void halfAndQuarterHourZonesAreDueOnTheirOwnQuarter() {
        assertEquals(List.of(18), dailyHours(Schedule.dueAt(Instant.parse("2026-12-03T12:30:00Z"), Set.of(ZoneId.of("Asia/Kolkata")))));
        assertEquals(List.of(18), dailyHours(Schedule.dueAt(Instant.parse("2026-12-03T12:15:00Z"), Set.of(ZoneId.of("Asia/Kathmandu")))));
        assertEquals(List.of(), dailyHours(Schedule.dueAt(Instant.parse("2026-12-03T12:00:00Z"), Set.of(ZoneId.of("Asia/Kolkata")))));
    }

    @Test
    void eachScheduleDueComesDailyAndWeeklyForTheLocalWeekday() {
        // Thursday 12:00 UTC is 07:00 in New York; in Tokyo it is 21:00, also Thursday.
        List<Schedule> due = Schedule.dueAt(Instant.parse("2026-12-03T12:00:00Z"), List.of(NEW_YORK, ZoneId.of("Asia/Tokyo")));

        assertEquals(List.of(new Schedule(Frequency.DAILY, DayOfWeek.THURSDAY, 7, NEW_YORK), new Schedule(Frequency.WEEKLY, DayOfWeek.THURSDAY, 7, NEW_YORK),
                new Schedule(Frequency.DAILY, DayOfWeek.THURSDAY, 21, ZoneId.of("Asia/Tokyo")),
                new Schedule(Frequency.WEEKLY, DayOfWeek.THURSDAY, 21, ZoneId.of("Asia/Tokyo"))), due);
        assertTrue(due.get(0).atDefaultHour());
    }

    private static List<Integer> dailyHours(List<Schedule> due) {
        return due.stream().filter(s -> s.frequency() == Frequency.DAILY).map(Schedule::hour).toList();
    }
}
