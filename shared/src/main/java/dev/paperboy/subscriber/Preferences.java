package dev.paperboy.subscriber;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a subscriber wants: daily or weekly on a day, at an hour of their own time zone; up to a
 * few keywords or phrases to look for and topics to leave out; authors to follow; how many papers
 * a mail and the fewest upvotes a paper needs; and whether digests come by mail, in their private
 * feed, or both.
 */
public record Preferences(Frequency frequency, DayOfWeek weeklyDay, List<String> keywords, int maxPapers, int minUpvotes,
                          List<String> excludedTopics, List<String> followedAuthors, Delivery delivery, int hour, ZoneId zone) {
    public static final int MAX_KEYWORDS = 10;
    public static final int MAX_KEYWORD_LENGTH = 60;
    public static final int MAX_AUTHORS = 20;
    public static final int MAX_AUTHOR_LENGTH = 80;
    public static final int MAX_PAPERS = 50;
    public static final int MAX_MIN_UPVOTES = 10_000;
    /** The hour and zone every digest went out at before subscribers could choose: still the default. */
    public static final int DEFAULT_HOUR = 7;
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/New_York");

    public enum Frequency { DAILY, WEEKLY }

    /** Where digests go: the mailbox, the private feed, or both. */
    public enum Delivery {
        MAIL, FEED, BOTH;

        public boolean mails() {
            return this != FEED;
        }

        public boolean feeds() {
            return this != MAIL;
        }
    }

    /** The form fields, by name, in the order the page shows them. */
    public static final List<String> FIELDS = List.of("frequency", "weeklyDay", "hour", "timeZone", "keywords", "excludedTopics",
            "followedAuthors", "maxPapers", "minUpvotes", "delivery");

    public Preferences {
        keywords = List.copyOf(keywords);
        excludedTopics = List.copyOf(excludedTopics);
        followedAuthors = List.copyOf(followedAuthors);
        if (maxPapers < 1 || maxPapers > MAX_PAPERS) {
            throw new InvalidInputException("Papers per mail must be between 1 and " + MAX_PAPERS + ".");
        }
        if (minUpvotes < 0 || minUpvotes > MAX_MIN_UPVOTES) {
            throw new InvalidInputException("Minimum upvotes must be between 0 and " + MAX_MIN_UPVOTES + ".");
        }
        if (hour < 0 || hour > 23) {
            throw new InvalidInputException("The hour must be between 0 and 23.");
        }
        if (zone instanceof ZoneOffset) {
            throw new InvalidInputException("Choose a time zone by its name, such as Europe/Berlin.");
        }
    }

    /** Daily or weekly, keywords, count and upvotes; the rest as before subscribers could choose it. */
    public Preferences(Frequency frequency, DayOfWeek weeklyDay, List<String> keywords, int maxPapers, int minUpvotes) {
        this(frequency, weeklyDay, keywords, maxPapers, minUpvotes, List.of(), List.of(), Delivery.BOTH, DEFAULT_HOUR, DEFAULT_ZONE);
    }

    public static Preferences defaults() {
        return new Preferences(Frequency.DAILY, DayOfWeek.MONDAY, List.of(), 10, 0);
    }

    public Preferences withExcludedTopics(List<String> topics) {
        return new Preferences(frequency, weeklyDay, keywords, maxPapers, minUpvotes, topics, followedAuthors, delivery, hour, zone);
    }

    public Preferences withFollowedAuthors(List<String> authors) {
        return new Preferences(frequency, weeklyDay, keywords, maxPapers, minUpvotes, excludedTopics, authors, delivery, hour, zone);
    }

    public Preferences withDelivery(Delivery to) {
        return new Preferences(frequency, weeklyDay, keywords, maxPapers, minUpvotes, excludedTopics, followedAuthors, to, hour, zone);
    }

    public Preferences withHour(int atHour, ZoneId inZone) {
        return new Preferences(frequency, weeklyDay, keywords, maxPapers, minUpvotes, excludedTopics, followedAuthors, delivery, atHour, inZone);
    }

    /**
     * Reads form values by field name (see {@link #FIELDS}): a field left out or blank keeps the
     * base value (a text list sent empty clears it); a bad one says what is wrong.
     */
    public static Preferences fromForm(Function<String, Optional<String>> field, Preferences base) {
        return new Preferences(
                nonBlank(field, "frequency").map(Preferences::frequency).orElse(base.frequency()),
                nonBlank(field, "weeklyDay").map(Preferences::day).orElse(base.weeklyDay()),
                field.apply("keywords").map(Preferences::keywords).orElse(base.keywords()),
                nonBlank(field, "maxPapers").map(s -> number(s, "Papers per mail")).orElse(base.maxPapers()),
                nonBlank(field, "minUpvotes").map(s -> number(s, "Minimum upvotes")).orElse(base.minUpvotes()),
                field.apply("excludedTopics").map(Preferences::excludedTopics).orElse(base.excludedTopics()),
                field.apply("followedAuthors").map(Preferences::authors).orElse(base.followedAuthors()),
                nonBlank(field, "delivery").map(Preferences::delivery).orElse(base.delivery()),
                nonBlank(field, "hour").map(s -> number(s, "The hour")).orElse(base.hour()),
                nonBlank(field, "timeZone").map(Preferences::zone).orElse(base.zone()));
    }

    private static Optional<String> nonBlank(Function<String, Optional<String>> field, String name) {
        return field.apply(name).filter(s -> !s.isBlank());
    }

    /** Comma-separated terms or phrases: trimmed, spaces folded, lower-cased, duplicates dropped. */
    public static List<String> keywords(String text) {
        return terms(text, "Keywords", "keyword", MAX_KEYWORDS, MAX_KEYWORD_LENGTH, true);
    }

    /** Topics to leave out: written and matched as keywords are. */
    public static List<String> excludedTopics(String text) {
        return terms(text, "Topics to leave out", "topic", MAX_KEYWORDS, MAX_KEYWORD_LENGTH, true);
    }

    /** Comma-separated author names, kept as written (trimmed, spaces folded) to be shown as written. */
    public static List<String> authors(String text) {
        return terms(text, "Authors", "author", MAX_AUTHORS, MAX_AUTHOR_LENGTH, false);
    }

    private static List<String> terms(String text, String what, String one, int most, int longest, boolean lowerCase) {
        if (text.length() > most * (longest + 2)) {
            throw new InvalidInputException(what + " are too long: at most " + most + " of up to " + longest + " characters.");
        }
        Set<String> terms = new LinkedHashSet<>();
        Set<String> folded = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String term = part.strip().replaceAll("\\s+", " ");
            if (lowerCase) {
                term = term.toLowerCase(Locale.ROOT);
            }
            if (term.isEmpty()) {
                continue;
            }
            if (term.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '<' || c == '>')) {
                throw new InvalidInputException(what + " may contain letters, digits, spaces and punctuation other than < and >.");
            }
            if (term.length() > longest) {
                throw new InvalidInputException("Each " + one + " can be at most " + longest + " characters.");
            }
            if (folded.add(term.toLowerCase(Locale.ROOT))) {
                terms.add(term);
            }
        }
        if (terms.size() > most) {
            throw new InvalidInputException("At most " + most + " " + one + "s.");
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

    private static Delivery delivery(String text) {
        try {
            return Delivery.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Choose mail, feed, or both.");
        }
    }

    /** An IANA region name as Java knows it (Europe/Berlin); offsets such as +02:00 keep no daylight saving, so are refused. */
    public static ZoneId zone(String text) {
        String name = text.strip();
        try {
            if (name.length() <= 64 && ZoneId.getAvailableZoneIds().contains(name)) {
                return ZoneId.of(name);
            }
        } catch (DateTimeException e) {
            // fall through to the one message
        }
        throw new InvalidInputException("Choose a time zone by its name, such as Europe/Berlin.");
    }

    private static int number(String text, String what) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(what + " must be a whole number.");
        }
    }
}
