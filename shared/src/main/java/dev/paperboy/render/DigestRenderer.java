package dev.paperboy.render;

import dev.paperboy.paper.AuthorName;
import dev.paperboy.subscriber.Period;
import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.Preferences;
import java.time.format.DateTimeFormatter;
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
    /**
     * More than the papers of the periods a sender works on at once; past it the views are dropped
     * and made again. A view holds its paper rendered (some 5 KB), so at most about 20 MB.
     */
    private static final int MAX_VIEWS = 4_096;
    /** The same for papers rendered with a followed mark, which are fewer: at most about 5 MB. */
    private static final int MAX_MARKED = 1_024;

    /**
     * Each paper's view (its summary, short author list, links), its authors' names read for
     * matching and the paper rendered by digest-paper.jte are the same in every subscriber's
     * digest but for its rank: made once per paper, reused while the same paper object is being
     * sent. Rendering dominated the sender's work; most of it was these rows, now done once.
     */
    private final Map<String, View> views = new ConcurrentHashMap<>();

    private record View(Paper paper, PaperView view, List<AuthorName> authors, Rendered rendered) {
    }

    /**
     * Papers rendered with the followed mark, by paper and the names the mark shows: the same for
     * every subscriber who follows those of its authors (the names are as the paper spells them).
     */
    private final Map<MarkedKey, Marked> marked = new ConcurrentHashMap<>();

    private record MarkedKey(String paperId, String names) {
    }

    private record Marked(Paper paper, Rendered rendered) {
    }

    /**
     * A paper rendered by html/digest-paper.jte and text/digest-paper.jte, each cut at its rank:
     * what comes before it and after it, escaped and cleaned. The digest splices the rank between.
     */
    private record Rendered(String htmlBeforeRank, String htmlAfterRank, String textBeforeRank, String textAfterRank) {
        static Rendered of(PaperView paper, String followedBy) {
            List<String> html = Templates.htmlPieces("digest-paper", rank -> Map.of("p", paper, "rank", rank, "followedBy", followedBy));
            List<String> text = Templates.textPieces("digest-paper", rank -> Map.of("p", paper, "rank", rank, "followedBy", followedBy));
            return new Rendered(html.get(0), html.get(1), text.get(0), text.get(1));
        }
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
        // Each output is its frame's two pieces (html/digest.jte, text/digest.jte, cut where the papers go) around
        // three pieces a paper: before its rank, its rank, after it. The mail and the web copy share the papers'.
        String[] html = new String[2 + 3 * papers.size()];
        String[] text = new String[html.length];
        for (int i = 0; i < papers.size(); i++) {
            View paper = view(papers.get(i));
            String followedBy = followed.isEmpty() ? "" : followedBy(paper.authors(), followed);
            Rendered rendered = followedBy.isEmpty() ? paper.rendered() : marked(paper, followedBy);
            String rank = Integer.toString(i + 1);
            html[1 + 3 * i] = rendered.htmlBeforeRank();
            html[2 + 3 * i] = rank;
            html[3 + 3 * i] = rendered.htmlAfterRank();
            text[1 + 3 * i] = rendered.textBeforeRank();
            text[2 + 3 * i] = rank;
            text[3 + 3 * i] = rendered.textAfterRank();
        }
        DigestView view = new DigestView(heading, dateLabel, reason,
                links.preferences(), links.unsubscribe(), links.browser(), links.home(), true, links.feed());
        String subject = oneLine(heading + ", " + listDay + ": " + papers.get(0).title()
                + (papers.size() > 1 ? " and " + (papers.size() - 1) + " more" : ""));
        String textPart = framed(Templates.textPieces("digest", gap -> Map.of("digest", view, "papers", gap)), text);
        String htmlPart = framed(Templates.htmlPieces("digest", gap -> Map.of("digest", view, "papers", gap)), html);
        String webHtml = framed(Templates.htmlPieces("digest", gap -> Map.of("digest", view.forWeb(), "papers", gap)), html);
        return new RenderedDigest(subject, textPart, htmlPart, webHtml, papers.stream().map(Paper::id).toList());
    }

    /**
     * The papers' pieces between the frame's two, joined: String.join sizes the result first, so
     * each character is copied once. Every piece is already escaped and cleaned.
     */
    private static String framed(List<String> frame, String[] pieces) {
        pieces[0] = frame.get(0);
        pieces[pieces.length - 1] = frame.get(1);
        return String.join("", pieces);
    }

    /**
     * The followed authors among a paper's, as the paper spells them, for its mark: "Ada", "Ada and
     * Alan", "Ada, Alan and Grace"; "" for none.
     */
    static String followedBy(List<AuthorName> authors, List<AuthorName> followed) {
        List<String> names = AuthorName.followedAmong(authors, followed);
        return names.isEmpty() ? "" : inWords(names);
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
            PaperView view = PaperView.of(0, paper);
            cached = new View(paper, view, AuthorName.all(paper.authors()), Rendered.of(view, ""));
            views.put(paper.id(), cached);
        }
        return cached;
    }

    private Rendered marked(View paper, String names) {
        MarkedKey key = new MarkedKey(paper.paper().id(), names);
        Marked cached = marked.get(key);
        if (cached == null || cached.paper() != paper.paper()) {
            if (marked.size() >= MAX_MARKED) {
                marked.clear();
            }
            cached = new Marked(paper.paper(), Rendered.of(paper.view(), names));
            marked.put(key, cached);
        }
        return cached.rendered();
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
