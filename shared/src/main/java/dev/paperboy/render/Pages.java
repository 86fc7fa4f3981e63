package dev.paperboy.render;

import java.util.List;
import java.util.Map;

/** The HTML pages: each a record the template reads, rendered by a precompiled jte template. */
public final class Pages {
    private Pages() {
    }

    public record Index(String date, String previousDate, String nextDate, List<PaperView> papers, String query,
                        List<PaperView> results, boolean searched, String notice, String noticeKind, String email, String keywords) {
    }

    public record Message(String title, String heading, String text, String linkText, String linkUrl) {
    }

    public record PreferencesForm(String token, String email, String frequency, String weeklyDay, String keywords,
                                  int maxPapers, int minUpvotes, String notice, String noticeKind, String unsubscribeUrl) {
        public static final List<String> DAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");
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

    public static String confirm(Confirm page) {
        return Templates.html("confirm", Map.of("page", page));
    }

    public static String unsubscribe(Unsubscribe page) {
        return Templates.html("unsubscribe", Map.of("page", page));
    }
}
