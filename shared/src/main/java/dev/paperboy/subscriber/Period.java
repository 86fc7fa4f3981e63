package dev.paperboy.subscriber;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.paperboy.subscriber.Preferences.Frequency;
import java.time.LocalDate;
import java.util.List;

/**
 * The schedule period a digest belongs to: a daily digest covers one list, a weekly one the seven
 * lists up to and including {@code listDate}. A subscriber gets at most one digest a period. In
 * JSON (a queue message, a plan) it is its id, {@code "2025-08-29-daily"}.
 */
public record Period(Frequency frequency, LocalDate listDate) {

    /** Sorts by date first, so a subscriber's digests come back in order. */
    @JsonValue
    public String id() {
        return listDate + (frequency == Frequency.DAILY ? "-daily" : "-weekly");
    }

    @JsonCreator
    public static Period parse(String id) {
        if (id.endsWith("-daily")) {
            return new Period(Frequency.DAILY, LocalDate.parse(id.substring(0, id.length() - "-daily".length())));
        }
        if (id.endsWith("-weekly")) {
            return new Period(Frequency.WEEKLY, LocalDate.parse(id.substring(0, id.length() - "-weekly".length())));
        }
        throw new IllegalArgumentException("not a digest period: " + id);
    }

    public List<LocalDate> days() {
        return frequency == Frequency.DAILY ? List.of(listDate) : listDate.minusDays(6).datesUntil(listDate.plusDays(1)).toList();
    }
}
