package dev.paperboy.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Which days to fetch, read from the invocation event:
 * <ul>
 *   <li>{@code {"date": "2025-08-29"}}: one day;</li>
 *   <li>{@code {"from": "2025-08-01", "to": "2025-08-29"}}: a backfill, both ends included;</li>
 *   <li>{@code {"lastDays": 3}}: the latest list and the days before it (the upvote refresh);</li>
 *   <li>anything else, such as {@code {}} or an EventBridge scheduled event: the latest list.</li>
 * </ul>
 * With {@code "fromArchive": true} the days are replayed from the raw archive, not fetched.
 */
public record FetchRequest(List<LocalDate> dates, boolean fromArchive) {
    /** A backfill stays well inside one invocation and the API's 500 requests per 5 minutes. */
    public static final int MAX_DAYS = 62;

    public FetchRequest {
        dates = List.copyOf(dates);
    }

    /** Days fetched from the source. */
    public FetchRequest(List<LocalDate> dates) {
        this(dates, false);
    }

    public static FetchRequest fromEvent(JsonNode event, LocalDate latest) {
        JsonNode fromArchive = event.path("fromArchive");
        if (!fromArchive.isMissingNode() && !fromArchive.isBoolean()) {
            throw new IllegalArgumentException("fromArchive must be true or false, got " + fromArchive);
        }
        FetchRequest days = days(event, latest);
        return new FetchRequest(days.dates(), fromArchive.asBoolean(false));
    }

    private static FetchRequest days(JsonNode event, LocalDate latest) {
        JsonNode date = event.path("date");
        JsonNode from = event.path("from");
        JsonNode to = event.path("to");
        JsonNode lastDays = event.path("lastDays");
        if (!date.isMissingNode()) {
            return range(parse("date", date, latest), parse("date", date, latest), latest);
        }
        if (!from.isMissingNode() || !to.isMissingNode()) {
            LocalDate end = to.isMissingNode() ? latest : parse("to", to, latest);
            return range(parse("from", from, latest), end, latest);
        }
        if (!lastDays.isMissingNode()) {
            if (!lastDays.canConvertToInt() || lastDays.asInt() < 1 || lastDays.asInt() > MAX_DAYS) {
                throw new IllegalArgumentException("lastDays must be a whole number from 1 to " + MAX_DAYS + ", got " + lastDays);
            }
            return range(latest.minusDays(lastDays.asInt() - 1L), latest, latest);
        }
        return new FetchRequest(List.of(latest));
    }

    private static FetchRequest range(LocalDate from, LocalDate to, LocalDate latest) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        if (from.isBefore(dev.paperboy.paper.ListingCalendar.FIRST_LIST)) {
            throw new IllegalArgumentException("Daily Papers starts on " + dev.paperboy.paper.ListingCalendar.FIRST_LIST + ", asked for " + from);
        }
        if (to.isAfter(latest)) {
            throw new IllegalArgumentException("there is no list for " + to + " yet; the latest is " + latest);
        }
        long days = java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw new IllegalArgumentException("asked for " + days + " days; one invocation fetches at most " + MAX_DAYS
                    + ", so split the backfill");
        }
        return new FetchRequest(from.datesUntil(to.plusDays(1)).toList());
    }

    private static LocalDate parse(String field, JsonNode value, LocalDate latest) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a date as YYYY-MM-DD, got " + value);
        }
        if (value.asText().equals("latest")) {
            return latest;
        }
        try {
            return LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a date as YYYY-MM-DD, got '" + value.asText() + "'");
        }
    }
}
