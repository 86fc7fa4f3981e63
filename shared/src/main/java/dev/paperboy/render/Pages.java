package dev.paperboy.render;

import dev.paperboy.subscriber.Preferences;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The HTML pages: each a record the template reads, rendered by a precompiled jte template. */
public final class Pages {
    private Pages() {
    }

    public record Index(String date, String previousDate, String nextDate, List<PaperView> papers, String query,
                        List<PaperView> results, boolean searched, String notice, String noticeKind, String email, String keywords) {
    }

    public record Message(String title, String heading, String text, String linkText, String linkUrl) {
    }

    /**
     * The preferences page: the form shows {@code preferences}, saved or as just previewed; a form
     * sent back with an error shows the fields as {@code sent}, so that nothing typed is lost.
     * {@code feedAtomUrl} and {@code feedRssUrl} are the private feed's addresses, empty when the
     * saved delivery is mail only (the feed is off); {@code preview}, the next digest the shown
     * settings would give (none when the papers cannot be read).
     */
    public record PreferencesForm(String token, String email, Preferences preferences, String notice, String noticeKind,
                                  String unsubscribeUrl, String feedAtomUrl, String feedRssUrl, Optional<PreviewView> preview,
                                  Map<String, String> sent) {
        public static final List<String> DAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");
        /** The zones offered: every IANA region name Java knows of the Area/City kind, sorted. */
        public static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
                .filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/") && Character.isUpperCase(id.charAt(0))
                        && !id.matches("^(US|Canada|Mexico|Brazil|Chile)/.*"))
                .sorted().toList();

        public PreferencesForm {
            Map<String, String> fields = new HashMap<>();
            sent.forEach((name, value) -> {
                if (Preferences.FIELDS.contains(name)) {
                    fields.put(name, value);
                }
            });
            sent = Map.copyOf(fields);
        }

        public PreferencesForm(String token, String email, Preferences preferences, String notice, String noticeKind, String unsubscribeUrl) {
            this(token, email, preferences, notice, noticeKind, unsubscribeUrl, "", "", Optional.empty(), Map.of());
        }

        public String frequency() {
            return choice("frequency", preferences.frequency().name()).toUpperCase(Locale.ROOT);
        }

        public String weeklyDay() {
            return choice("weeklyDay", preferences.weeklyDay().name()).toUpperCase(Locale.ROOT);
        }

        public String hour() {
            return choice("hour", Integer.toString(preferences.hour()));
        }

        public String keywords() {
            return text("keywords", String.join(", ", preferences.keywords()));
        }

        public String excludedTopics() {
            return text("excludedTopics", String.join(", ", preferences.excludedTopics()));
        }

        public String followedAuthors() {
            return text("followedAuthors", String.join(", ", preferences.followedAuthors()));
        }

        public String maxPapers() {
            return text("maxPapers", Integer.toString(preferences.maxPapers()));
        }

        public String minUpvotes() {
            return text("minUpvotes", Integer.toString(preferences.minUpvotes()));
        }

        public String delivery() {
            return choice("delivery", preferences.delivery().name()).toUpperCase(Locale.ROOT);
        }

        public String zone() {
            return choice("timeZone", preferences.zone().getId());
        }

        /** A text field as sent (sent empty, it is empty), or as saved. */
        private String text(String field, String saved) {
            return sent.getOrDefault(field, saved);
        }

        /** A choice as sent, or as saved where none was sent (sent blank, a choice keeps what it was). */
        private String choice(String field, String saved) {
            String value = sent.getOrDefault(field, "").strip();
            return value.isEmpty() ? saved : value;
        }

        /** The offered zones, with the subscriber's own if it is an older or rarer name. */
        public List<String> zones() {
            return ZONES.contains(zone()) ? ZONES : Stream.concat(Stream.of(zone()), ZONES.stream()).toList();
        }

        /** "07:00": an hour as the page shows it. */
        public static String hourText(int hour) {
            return String.format(java.util.Locale.ROOT, "%02d:00", hour);
        }
    }

    public record Unsubscribe(String token) {
    }

    public record Confirm(String token) {
    }

    public static String index(Index page) {
        return Templates.html("index", Map.of("page", page));
    }

    public static String message(Message page) {
        return Templates.html("message", Map.of("page", page));
    }

    public static String preferences(PreferencesForm page) {
        return Templates.html("preferences", Map.of("page", page));
    }

    /** The preview alone: what the preferences page's script puts in place as settings change. */
    public static String preview(PreviewView preview) {
        return Templates.html("preview", Map.of("preview", preview));
    }

    public static String confirm(Confirm page) {
        return Templates.html("confirm", Map.of("page", page));
    }

    public static String unsubscribe(Unsubscribe page) {
        return Templates.html("unsubscribe", Map.of("page", page));
    }
}
