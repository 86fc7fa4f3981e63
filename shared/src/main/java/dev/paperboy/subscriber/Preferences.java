package dev.paperboy.subscriber;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a subscriber wants: daily (weekdays) or weekly on a day, up to a few keywords or phrases,
 * how many papers a mail, and the fewest upvotes a paper needs.
 */
public record Preferences(Frequency frequency, DayOfWeek weeklyDay, List<String> keywords, int maxPapers, int minUpvotes) {
    public static final int MAX_KEYWORDS = 10;
    public static final int MAX_KEYWORD_LENGTH = 60;
    public static final int MAX_PAPERS = 50;
    public static final int MAX_MIN_UPVOTES = 10_000;

    public enum Frequency { DAILY, WEEKLY }

    public Preferences {
        keywords = List.copyOf(keywords);
        if (maxPapers < 1 || maxPapers > MAX_PAPERS) {
            throw new InvalidInputException("Papers per mail must be between 1 and " + MAX_PAPERS + ".");
        }
        if (minUpvotes < 0 || minUpvotes > MAX_MIN_UPVOTES) {
            throw new InvalidInputException("Minimum upvotes must be between 0 and " + MAX_MIN_UPVOTES + ".");
        }
    }

    public static Preferences defaults() {
        return new Preferences(Frequency.DAILY, DayOfWeek.MONDAY, List.of(), 10, 0);
    }

    /** Reads form values; blank ones keep the given defaults, bad ones say what is wrong. */
    public static Preferences fromForm(Optional<String> frequency, Optional<String> weeklyDay, Optional<String> keywords,
                                       Optional<String> maxPapers, Optional<String> minUpvotes, Preferences base) {
        return new Preferences(
                frequency.filter(s -> !s.isBlank()).map(Preferences::frequency).orElse(base.frequency()),
                weeklyDay.filter(s -> !s.isBlank()).map(Preferences::day).orElse(base.weeklyDay()),
                keywords.map(Preferences::keywords).orElse(base.keywords()),
                maxPapers.filter(s -> !s.isBlank()).map(s -> number(s, "Papers per mail")).orElse(base.maxPapers()),
                minUpvotes.filter(s -> !s.isBlank()).map(s -> number(s, "Minimum upvotes")).orElse(base.minUpvotes()));
    }

    /** Comma-separated terms or phrases: trimmed, spaces folded, lower-cased, duplicates dropped. */
    public static List<String> keywords(String text) {
        if (text.length() > MAX_KEYWORDS * (MAX_KEYWORD_LENGTH + 2)) {
            throw new InvalidInputException("Keywords are too long: at most " + MAX_KEYWORDS + " of up to " + MAX_KEYWORD_LENGTH + " characters.");
        }
        Set<String> terms = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String term = part.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            if (term.isEmpty()) {
                continue;
            }
            if (term.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '<' || c == '>')) {
                throw new InvalidInputException("Keywords may contain letters, digits, spaces and punctuation other than < and >.");
            }
            if (term.length() > MAX_KEYWORD_LENGTH) {
                throw new InvalidInputException("Each keyword can be at most " + MAX_KEYWORD_LENGTH + " characters.");
            }
            terms.add(term);
        }
        if (terms.size() > MAX_KEYWORDS) {
            throw new InvalidInputException("At most " + MAX_KEYWORDS + " keywords.");
        }
        return new ArrayList<>(terms);
    }

    private static Frequency frequency(String text) {
        try {
            return Frequency.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Choose daily or weekly.");
        }
    }

    private static DayOfWeek day(String text) {
        try {
            return DayOfWeek.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Choose a day of the week for the weekly mail.");
        }
    }

    private static int number(String text, String what) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(what + " must be a whole number.");
        }
    }
}
