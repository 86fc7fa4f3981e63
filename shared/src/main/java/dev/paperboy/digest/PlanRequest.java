package dev.paperboy.digest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.subscriber.InvalidInputException;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences.Frequency;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Which digests a planner run is for, read from its event: {@code {"frequency": "DAILY"}} plans
 * the daily digest of the latest list; {@code {"frequency": "WEEKLY"}} the weekly digest of the
 * subscribers whose day is today, covering the week up to the latest list. {@code "date"}
 * (YYYY-MM-DD) replaces the latest list's date, to plan a past period again.
 */
public record PlanRequest(Period period) {

    public static PlanRequest fromEvent(JsonNode event, LocalDate latestList) {
        String frequencyText = event.path("frequency").asText("DAILY").toUpperCase(Locale.ROOT);
        Frequency frequency;
        try {
            frequency = Frequency.valueOf(frequencyText);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("frequency must be DAILY or WEEKLY, got '" + frequencyText + "'");
        }
        LocalDate date = latestList;
        if (event.hasNonNull("date")) {
            try {
                date = LocalDate.parse(event.path("date").asText());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("date must be YYYY-MM-DD, got '" + event.path("date").asText() + "'");
            }
        }
        return new PlanRequest(new Period(frequency, date));
    }
}
