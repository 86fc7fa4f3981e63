package dev.paperboy.web;

import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperLookup;
import dev.paperboy.subscriber.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What a request asks of the papers, checked: {@code ?date=} a list's date, {@code ?q=} search words. */
final class PaperQuery {
    static final int MAX_QUERY_LENGTH = 200;
    static final int MAX_TERMS = 10;

    private PaperQuery() {
    }

    /** The search asked for, stripped; empty when there is none. */
    static Optional<String> search(WebRequest request) {
        return request.param("q").map(String::strip).filter(q -> !q.isEmpty());
    }

    static List<String> terms(String query) {
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidInputException("Search for at most " + MAX_QUERY_LENGTH + " characters.");
        }
        List<String> terms = Arrays.stream(query.toLowerCase(Locale.ROOT).split("\\s+")).filter(t -> !t.isEmpty()).distinct().toList();
        if (terms.size() > MAX_TERMS) {
            throw new InvalidInputException("Search for at most " + MAX_TERMS + " words.");
        }
        return terms;
    }

    /** The day {@code ?date=} asks for, else the latest day with papers (else the latest list date, empty). */
    static Map.Entry<LocalDate, List<Paper>> askedOrLatestDay(WebRequest request, PaperLookup papers) {
        Optional<LocalDate> asked = request.param("date").filter(d -> !d.isBlank()).map(PaperQuery::listDate);
        if (asked.isPresent()) {
            return Map.entry(asked.get(), papers.day(asked.get()));
        }
        return papers.latestListedDay().orElseGet(() -> Map.entry(papers.latest(), List.of()));
    }

    private static LocalDate listDate(String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("A date looks like 2025-08-29.");
        }
        if (date.isBefore(ListingCalendar.FIRST_LIST)) {
            throw new InvalidInputException("Daily Papers starts on " + ListingCalendar.FIRST_LIST + ".");
        }
        return date;
    }
}
