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
     * The schedules due at {@code at} in these zones: for each zone and hour, the instant of that
     * hour:00 on {@code at}'s local date equals {@code at}; its daily schedule and its weekly one
     * for that local weekday. java.time moves a time in a spring-forward gap to the first instant
     * after it and takes the earlier offset in an autumn overlap, so each (zone, hour) is due
     * exactly once a local day: 02:00 in a skipped hour with 03:00, 01:00 of a repeated hour once.
     */
    public static List<Schedule> dueAt(Instant at, Collection<ZoneId> zones) {
        List<Schedule> due = new ArrayList<>();
        for (ZoneId zone : zones) {
            LocalDate day = at.atZone(zone).toLocalDate();
            for (int hour = 0; hour < 24; hour++) {
                if (ZonedDateTime.of(day, LocalTime.of(hour, 0), zone).toInstant().equals(at)) {
                    due.add(new Schedule(Frequency.DAILY, day.getDayOfWeek(), hour, zone));
                    due.add(new Schedule(Frequency.WEEKLY, day.getDayOfWeek(), hour, zone));
                }
            }
        }
        return due;
    }

    /** When this schedule was due the local day before {@code at}, an instant it is due. */
    public Instant previousSlot(Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate();
        return ZonedDateTime.of(day.minusDays(1), LocalTime.of(hour, 0), zone).toInstant();
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
