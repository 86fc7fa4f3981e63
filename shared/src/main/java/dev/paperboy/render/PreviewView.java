package dev.paperboy.render;

import dev.paperboy.paper.AuthorName;
import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.Preferences;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The preview of the next digest on the preferences page: which lists it comes from, how many
 * papers match, the papers as a digest would carry them, or why there are none; or, for settings
 * that cannot be read, what is wrong with them ({@code error}). {@code followedBy} marks, by paper
 * id, the followed authors as the paper spells them, as the digest does.
 */
public record PreviewView(String source, String count, List<PaperView> papers, String why, String error, Map<String, String> followedBy) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_AND_YEAR = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    /** A list the preview drew from. */
    public record Source(LocalDate date, boolean fillingUp) {
    }

    /**
     * {@code matching} papers pass the settings, of which {@code papers} are the digest's (see
     * DigestPreview); {@code why} says why there are none.
     */
    public static PreviewView of(List<Source> lists, List<Paper> papers, int matching, Optional<String> why, List<String> followedAuthors) {
        Map<String, String> followedBy = new HashMap<>();
        if (!followedAuthors.isEmpty()) {
            List<AuthorName> followed = AuthorName.all(followedAuthors);
            for (Paper paper : papers) {
                String names = DigestRenderer.followedBy(AuthorName.all(paper.authors()), followed);
                if (!names.isEmpty()) {
                    followedBy.put(paper.id(), names);
                }
            }
        }
        return new PreviewView(source(lists), count(papers.size(), matching), PaperView.ranked(papers), why.orElse(""), "", Map.copyOf(followedBy));
    }

    /** The followed authors of the paper as it spells them, or "". */
    public String followedBy(PaperView paper) {
        return followedBy.getOrDefault(paper.id(), "");
    }

    /** Settings that cannot be previewed, and why. */
    public static PreviewView refused(String message) {
        return new PreviewView("", "", List.of(), "", message, Map.of());
    }

    static String source(List<Source> lists) {
        if (lists.isEmpty()) {
            return "";
        }
        LocalDate first = lists.get(0).date();
        LocalDate last = lists.get(lists.size() - 1).date();
        String from = lists.size() == 1 ? "From the list of " + DAY_AND_YEAR.format(last)
                : "From the " + lists.size() + " lists of " + (first.getYear() == last.getYear() ? DAY : DAY_AND_YEAR).format(first)
                        + " to " + DAY_AND_YEAR.format(last);
        String filling = lists.stream().filter(Source::fillingUp).findFirst()
                .map(s -> lists.size() == 1 ? ", still filling up" : "; the list of " + DAY.format(s.date()) + " is still filling up")
                .orElse("");
        return from + filling + ".";
    }

    static String count(int shown, int matching) {
        if (shown == 0) {
            return "";
        }
        String matched = matching >= Preferences.MAX_PAPERS ? Preferences.MAX_PAPERS + " or more papers match"
                : matching == 1 ? "1 paper matches" : matching + " papers match";
        return matched + " your settings" + (shown < matching ? "; a digest carries the first " + shown + "." : ".");
    }

    public boolean refusal() {
        return !error.isEmpty();
    }
}
