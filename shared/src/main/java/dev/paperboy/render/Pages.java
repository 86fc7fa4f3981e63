package dev.paperboy.render;

import dev.paperboy.subscriber.Preferences;
import java.time.ZoneId;
import java.util.List;
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
     * The preferences page: the form shows {@code preferences}, saved or as just sent back with an
     * error. {@code feedAtomUrl} and {@code feedRssUrl} are the private feed's addresses, empty when
     * the saved delivery is mail only (the feed is off); {@code preview}, the next digest the shown
     * settings would give (none when the papers cannot be read).
     */
    public record PreferencesForm(String token, String email, Preferences preferences, String notice, String noticeKind,
                                  String unsubscribeUrl, String feedAtomUrl, String feedRssUrl, Optional<PreviewView> preview) {
        public static final List<String> DAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");
        /** The zones offered: every IANA region name Java knows of the Area/City kind, sorted. */
        public static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
                .filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/") && Character.isUpperCase(id.charAt(0))
                        && !id.matches("^(US|Canada|Mexico|Brazil|Chile)/.*"))
                .sorted().toList();

        public PreferencesForm(String token, String email, Preferences preferences, String notice, String noticeKind, String unsubscribeUrl) {
            this(token, email, preferences, notice, noticeKind, unsubscribeUrl, "", "", Optional.empty());
        }

        public String frequency() {
            return preferences.frequency().name();
        }

        public String weeklyDay() {
            return preferences.weeklyDay().name();
        }

        public String keywords() {
            return String.join(", ", preferences.keywords());
        }

        public String excludedTopics() {
            return String.join(", ", preferences.excludedTopics());
        }

        public String followedAuthors() {
            return String.join(", ", preferences.followedAuthors());
        }

        public String delivery() {
            return preferences.delivery().name();
        }

        public String zone() {
            return preferences.zone().getId();
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
