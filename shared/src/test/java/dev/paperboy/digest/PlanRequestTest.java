package dev.paperboy.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.json.Json;
import dev.paperboy.subscriber.InvalidInputException;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences.Frequency;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PlanRequestTest {
    private static final LocalDate NEWEST_CLOSED = LocalDate.of(2026, 12, 2);

    private static PlanRequest read(String json) throws Exception {
        return PlanRequest.fromEvent(Json.MAPPER.readTree(json), NEWEST_CLOSED);
    }

    @Test
    void theSchedulesEventPlansItsQuarterHour() throws Exception {
        assertEquals(new PlanRequest.Scheduled(Instant.parse("2026-12-03T12:45:00Z")), read("{\"at\": \"2026-12-03T12:45:00Z\"}"));
    }

    @Test
    void aReplanWithoutADateTakesTheNewestClosedList() throws Exception {
        assertEquals(new PlanRequest.Replan(new Period(Frequency.DAILY, NEWEST_CLOSED)), read("{\"frequency\": \"daily\"}"));
    }

    @Test
    void anEventNamingNeitherAScheduledTimeNorAFrequencyIsRefusedRatherThanMailingEveryone() {
        var e = assertThrows(InvalidInputException.class, () -> read("{}"));
        assertTrue(e.getMessage().contains("\"at\""), e.getMessage());
    }

    @Test
    void aReplanOfADayPlansThatList() throws Exception {
        assertEquals(new PlanRequest.Replan(new Period(Frequency.DAILY, LocalDate.of(2025, 8, 29))),
                read("{\"frequency\": \"DAILY\", \"date\": \"2025-08-29\"}"));
    }

    @Test
    void aWeeklyReplanIsRefusedForItsQuarterHours() {
        var e = assertThrows(InvalidInputException.class, () -> read("{\"frequency\": \"WEEKLY\", \"date\": \"2025-08-29\"}"));
        assertTrue(e.getMessage().contains("quarter hours"), e.getMessage());
    }

    @Test
    void aTimeBetweenQuarterHoursIsRefusedWithTheReason() {
        var e = assertThrows(InvalidInputException.class, () -> read("{\"at\": \"2026-12-03T12:07:00Z\"}"));
        assertTrue(e.getMessage().contains("quarter hour"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> read("{\"at\": \"2026-12-03T12:00:30Z\"}"));
    }

    @Test
    void anUnreadableTimeIsRefusedWithTheReason() {
        var e = assertThrows(InvalidInputException.class, () -> read("{\"at\": \"tomorrow at seven\"}"));
        assertTrue(e.getMessage().contains("'tomorrow at seven'"), e.getMessage());
    }

    @Test
    void aScheduledTimeAndAReplanTogetherAreRefused() {
        var e = assertThrows(InvalidInputException.class, () -> read("{\"at\": \"2026-12-03T12:00:00Z\", \"frequency\": \"DAILY\"}"));
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
    }

    @Test
    void anUnknownFrequencyIsRefusedWithTheReason() {
        var e = assertThrows(InvalidInputException.class, () -> read("{\"frequency\": \"hourly\"}"));
        assertTrue(e.getMessage().contains("'HOURLY'"), e.getMessage());
    }
}
