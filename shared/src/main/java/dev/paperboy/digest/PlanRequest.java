package dev.paperboy.digest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.subscriber.InvalidInputException;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences.Frequency;
import dev.paperboy.subscriber.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What a planner run is for, read from its event. The schedule sends {@code {"at":
 * "2026-12-03T12:00:00Z"}}, its scheduled time (a quarter hour): the subscribers whose hour it is
 * there and then ({@link Scheduled}). An operator replanning a daily list by hand sends
 * {@code {"frequency": "DAILY"}}, with {@code "date"} (YYYY-MM-DD) naming the list, else the newest
 * closed list: every daily subscriber, whatever their hour ({@link Replan}). A weekly digest is
 * replanned by sending its quarter hours again: which week a weekly subscriber gets depends on
 * their zone and hour, so no one weekday names it. An event naming neither is refused: planning
 * everyone by accident would mail them all at once, hours before their own.
 */
public sealed interface PlanRequest {

    /** The schedules due at a quarter hour. */
    record Scheduled(Instant at) implements PlanRequest {
    }

    /** One period, for every subscriber of its frequency. */
    record Replan(Period period) implements PlanRequest {
    }

    static PlanRequest fromEvent(JsonNode event, LocalDate newestClosedList) {
        if (event.has("at")) {
            if (event.has("frequency") || event.has("date")) {
                throw new InvalidInputException("give either \"at\" (a scheduled run) or \"frequency\"/\"date\" (a replan), not both");
            }
            return new Scheduled(quarterHour(event.path("at")));
        }
        if (!event.hasNonNull("frequency")) {
            throw new InvalidInputException("a planner event names \"at\" (a scheduled quarter hour, "
                    + "{\"at\": \"2026-12-03T12:00:00Z\"}) or \"frequency\" (a daily replan, {\"frequency\": \"DAILY\"})");
        }
        String frequencyText = event.path("frequency").asText().toUpperCase(Locale.ROOT);
        Frequency frequency;
        try {
            frequency = Frequency.valueOf(frequencyText);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("frequency must be DAILY or WEEKLY, got '" + frequencyText + "'");
        }
        if (frequency == Frequency.WEEKLY) {
            throw new InvalidInputException("a weekly digest is replanned by sending its scheduled quarter hours again, "
                    + "{\"at\": \"2026-12-03T12:00:00Z\"}: which week a subscriber gets depends on their zone and hour");
        }
        LocalDate date = newestClosedList;
        if (event.hasNonNull("date")) {
            try {
                date = LocalDate.parse(event.path("date").asText());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("date must be YYYY-MM-DD, got '" + event.path("date").asText() + "'");
            }
        }
        return new Replan(new Period(frequency, date));
    }

    /** Slots begin on quarter hours; a time between them would plan nobody, so it is refused rather than run. */
    private static Instant quarterHour(JsonNode at) {
        Instant instant;
        try {
            instant = Instant.parse(at.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("at must be an ISO-8601 UTC time such as 2026-12-03T12:00:00Z, got '" + at.asText() + "'");
        }
        var utc = instant.atOffset(ZoneOffset.UTC);
        if (utc.getMinute() % Schedule.RUN_MINUTES != 0 || utc.getSecond() != 0 || utc.getNano() != 0) {
            throw new InvalidInputException("at must be on a quarter hour (:00, :15, :30, :45), got '" + at.asText() + "'");
        }
        return instant;
    }
}
