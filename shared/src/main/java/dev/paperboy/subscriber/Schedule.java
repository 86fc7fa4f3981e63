package dev.paperboy.subscriber;

import dev.paperboy.subscriber.Preferences.Frequency;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * When a subscriber's digests are due: every day, or on {@code weeklyDay} (ignored for daily
 * ones), at {@code hour}:00 in {@code zone}. Subscribers sharing a schedule share a partition of
 * the due index ({@link SubscriberItems#dueKey(Schedule)}).
 */
public record Schedule(Frequency frequency, DayOfWeek weeklyDay, int hour, ZoneId zone) {
    /** The planner runs every quarter of an hour: the zones in use are offset by whole hours, :30 or :45. */
    public static final int RUN_MINUTES = 15;

    public Schedule {
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be 0-23, got " + hour);
        }
    }

    public static Schedule of(Preferences preferences) {
        return new Schedule(preferences.frequency(), preferences.weeklyDay(), preferences.hour(), preferences.zone());
    }

    /** Today's schedule for everyone who never picked an hour: 07:00 New York. */
    public boolean atDefaultHour() {
        return hour == Preferences.DEFAULT_HOUR && zone.equals(Preferences.DEFAULT_ZONE);
    }

    /**
     * The schedules due at {@code at} in these zones: for each zone and hour whose hour:00 on some
     * local day falls at {@code at} ({@link #dayDueAt}), its daily schedule and its weekly one for
     * that day's weekday. java.time moves a time in a spring-forward gap to the first instant after
     * it and takes the earlier offset in an autumn overlap, so each (zone, hour) is due exactly once
     * a local day: 02:00 in a skipped hour with 03:00, 01:00 of a repeated hour once.
     */
    public static List<Schedule> dueAt(Instant at, Collection<ZoneId> zones) {
        List<Schedule> due = new ArrayList<>();
        for (ZoneId zone : zones) {
            for (int hour = 0; hour < 24; hour++) {
                Optional<LocalDate> day = dayDueAt(zone, hour, at);
                if (day.isPresent()) {
                    due.add(new Schedule(Frequency.DAILY, day.get().getDayOfWeek(), hour, zone));
                    due.add(new Schedule(Frequency.WEEKLY, day.get().getDayOfWeek(), hour, zone));
                }
            }
        }
        return due;
    }

    /**
     * The local day whose {@code hour}:00 falls at {@code at}, if one does. Mostly {@code at}'s own
     * day; the day before where a gap at midnight moves 23:00 into the next day (Greenland springs
     * forward from Saturday 23:00 to Sunday 00:00).
     */
    public static Optional<LocalDate> dayDueAt(ZoneId zone, int hour, Instant at) {
        LocalDate today = at.atZone(zone).toLocalDate();
        for (LocalDate day : List.of(today, today.minusDays(1))) {
            if (slot(day, hour, zone).equals(at)) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    /** When this schedule was due the local day before the one it is due at {@code at}. */
    public Instant previousSlot(Instant at) {
        LocalDate day = dayDueAt(zone, hour, at)
                .orElseThrow(() -> new IllegalArgumentException(this + " is not due at " + at));
        return slotOn(day.minusDays(1));
    }

    /** The instant of this schedule's hour:00 on a local day (past a gap where the hour is skipped). */
    public Instant slotOn(LocalDate day) {
        return slot(day, hour, zone);
    }

    private static Instant slot(LocalDate day, int hour, ZoneId zone) {
        return ZonedDateTime.of(day, LocalTime.of(hour, 0), zone).toInstant();
    }

    /** Every schedule of a frequency (and weekday) in these zones, whatever the hour: an operator's replan. */
    public static List<Schedule> everyHour(Frequency frequency, DayOfWeek weeklyDay, Collection<ZoneId> zones) {
        List<Schedule> all = new ArrayList<>();
        for (ZoneId zone : zones) {
            for (int hour = 0; hour < 24; hour++) {
                all.add(new Schedule(frequency, weeklyDay, hour, zone));
            }
        }
        return all;
    }
}
