package dev.paperboy.render;

import dev.paperboy.paper.AuthorName;
import dev.paperboy.subscriber.Period;
import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.Preferences;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Renders a digest with the jte templates: every value escaped in HTML, the subject kept to one line. */
public final class DigestRenderer {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final int SUBJECT_MAX = 110;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** About what a digest of ten papers takes, so the output is not copied as it grows. */
    private static final int HTML_CAPACITY = 20_000;
    private static final int TEXT_CAPACITY = 8_000;
    /** More than the papers of the periods a sender works on at once; past it the views are dropped and made again. */
    private static final int MAX_VIEWS = 4_096;

    /**
     * Each paper's view (its summary, short author list, links) and its authors' names read for
     * matching are the same in every subscriber's digest: made once per paper, reused while the
     * same paper object is being sent.
     */
    private final Map<String, View> views = new ConcurrentHashMap<>();

    private record View(Paper paper, PaperView view, List<AuthorName> authors) {
    }

    /** {@code feed}: the subscriber's private feed, shown in the mail's footer; empty when they do not take the feed. */
    public record Links(String preferences, String unsubscribe, String browser, String home, String feed) {
        public Links(String preferences, String unsubscribe, String browser, String home) {
            this(preferences, unsubscribe, browser, home, "");
        }
    }

    public RenderedDigest render(Period period, List<Paper> papers, Preferences preferences, Links links) {
        String heading = period.frequency() == Preferences.Frequency.DAILY ? "Daily Papers" : "Your week in papers";
        String listDay = DAY.format(period.listDate());
        String dateLabel = period.frequency() == Preferences.Frequency.DAILY
                ? listDay
                : DAY.format(period.days().get(0)) + " – " + listDay;
        String reason = "You get this because you subscribed to Paperboy's " + (period.frequency() == Preferences.Frequency.DAILY
                ? "daily digest" : "weekly digest on " + capitalized(preferences.weeklyDay().name()))
                + (preferences.keywords().isEmpty() ? ", the most upvoted papers" : ", papers matching " + String.join(", ", preferences.keywords()))
                + (preferences.followedAuthors().isEmpty() ? "" : ", first those of authors you follow")
                + (preferences.excludedTopics().isEmpty() ? "" : ", leaving out papers about " + String.join(", ", preferences.excludedTopics()))
                + ".";
        List<AuthorName> followed = preferences.followedAuthors().isEmpty() ? List.of() : AuthorName.all(preferences.followedAuthors());
        Map<String, String> followedBy = followed.isEmpty() ? Map.of() : new HashMap<>();
        PaperView[] ranked = new PaperView[papers.size()];
        for (int i = 0; i < ranked.length; i++) {
            View paper = view(papers.get(i));
            ranked[i] = paper.view().withRank(i + 1);
            if (!followed.isEmpty()) {
                List<String> names = AuthorName.followedAmong(paper.authors(), followed);
                if (!names.isEmpty()) {
                    followedBy.put(paper.paper().id(), inWords(names));
                }
            }
        }
        DigestView view = new DigestView(heading, dateLabel, List.of(ranked), reason,
                links.preferences(), links.unsubscribe(), links.browser(), links.home(), true, links.feed(), followedBy);
        Map<String, Object> params = Map.of("digest", view);
        String subject = oneLine(heading + ", " + listDay + ": " + papers.get(0).title()
                + (papers.size() > 1 ? " and " + (papers.size() - 1) + " more" : ""));
        return new RenderedDigest(subject, Templates.text("digest", params, TEXT_CAPACITY), Templates.html("digest", params, HTML_CAPACITY),
                Templates.html("digest", Map.of("digest", view.forWeb()), HTML_CAPACITY), papers.stream().map(Paper::id).toList());
    }

    /** "Ada", "Ada and Alan", "Ada, Alan and Grace". */
    static String inWords(List<String> names) {
        int last = names.size() - 1;
        return last == 0 ? names.get(0) : String.join(", ", names.subList(0, last)) + " and " + names.get(last);
    }

    private View view(Paper paper) {
        View cached = views.get(paper.id());
        if (cached == null || cached.paper() != paper) {
            if (views.size() >= MAX_VIEWS) {
                views.clear();
            }
            cached = new View(paper, PaperView.of(0, paper), AuthorName.all(paper.authors()));
            views.put(paper.id(), cached);
        }
        return cached;
    }

    /**
     * No control characters, no line breaks: it goes into a header. Nor what XML forbids (U+FFFE, a
     * surrogate half, also one the cut below leaves): mail clients show the subject beside pages.
     */
    static String oneLine(String text) {
        String flat = needsFlattening(text) ? SPACES.matcher(CONTROL.matcher(text).replaceAll(" ")).replaceAll(" ").strip() : text.strip();
        return XmlText.clean(flat.length() <= SUBJECT_MAX ? flat : flat.substring(0, SUBJECT_MAX - 1).strip() + "…");
    }

    /** Whether the patterns would change anything: a control or line-separator character, or two spaces in a row. */
    private static boolean needsFlattening(String text) {
        char previous = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == ' ' && previous == ' ') {
                return true;
            }
            previous = c;
        }
        return false;
    }

    private static String capitalized(String day) {
        return day.charAt(0) + day.substring(1).toLowerCase(Locale.ROOT);
    }
}
