package dev.paperboy.digest;

import dev.paperboy.mail.Templates;
import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.web.PaperView;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a digest with the jte templates: every value escaped in HTML, the subject kept to one line. */
public final class DigestRenderer {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final int SUBJECT_MAX = 110;

    public record Links(String preferences, String unsubscribe, String browser, String home) {
    }

    public RenderedDigest render(Period period, List<Paper> papers, Preferences preferences, Links links) {
        String heading = period.frequency() == Preferences.Frequency.DAILY ? "Daily Papers" : "Your week in papers";
        String dateLabel = period.frequency() == Preferences.Frequency.DAILY
                ? DAY.format(period.listDate())
                : DAY.format(period.days().get(0)) + " – " + DAY.format(period.listDate());
        String reason = "You get this because you subscribed to Paperboy's " + (period.frequency() == Preferences.Frequency.DAILY
                ? "daily digest" : "weekly digest on " + capitalized(preferences.weeklyDay().name()))
                + (preferences.keywords().isEmpty() ? ", the most upvoted papers" : ", papers matching " + String.join(", ", preferences.keywords()))
                + ".";
        DigestView view = new DigestView(heading, dateLabel, PaperView.ranked(papers), reason,
                links.preferences(), links.unsubscribe(), links.browser(), links.home());
        Map<String, Object> params = Map.of("digest", view);
        String subject = oneLine(heading + ", " + DAY.format(period.listDate()) + ": " + papers.get(0).title()
                + (papers.size() > 1 ? " and " + (papers.size() - 1) + " more" : ""));
        return new RenderedDigest(subject, Templates.text("digest", params), Templates.html("digest", params),
                papers.stream().map(Paper::id).toList());
    }

    /** No control characters, no line breaks: it goes into a header. */
    static String oneLine(String text) {
        String flat = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").replaceAll("\\s+", " ").strip();
        return flat.length() <= SUBJECT_MAX ? flat : flat.substring(0, SUBJECT_MAX - 1).strip() + "…";
    }

    private static String capitalized(String day) {
        return day.charAt(0) + day.substring(1).toLowerCase(Locale.ROOT);
    }
}
