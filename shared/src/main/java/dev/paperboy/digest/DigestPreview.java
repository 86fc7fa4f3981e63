package dev.paperboy.digest;

import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperLookup;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the next digest would hold with some preferences, from the lists as they stand: daily, the
 * newest list with papers; weekly, the seven days of lists up to it. The lists come through the
 * pages' {@link PaperLookup} (cached per container), and are ranked by {@link Ranker} as the sender
 * ranks them, without the subscriber's already-sent papers (a preview reads no profile).
 * A period's papers are prepared for ranking once while its lists stay the same objects, so a
 * keystroke costs one ranking.
 */
public final class DigestPreview {
    /** One list the preview drew from; {@code fillingUp} for the list still being published. */
    public record Listed(LocalDate date, int papers, boolean fillingUp) {
    }

    /** Why a preview holds no paper. */
    public enum Empty {
        NO_LISTS("No list has papers yet, so there is nothing to preview."),
        NO_MATCH("No paper in these lists matches your keywords."),
        LEFT_OUT("Every paper that matched was left out by your topics to leave out."),
        TOO_FEW_UPVOTES("Papers matched, but none has your minimum of upvotes."),
        LEFT_OUT_OR_TOO_FEW_UPVOTES("Papers matched, but each was left out by your topics to leave out or has fewer upvotes than your minimum.");

        private final String why;

        Empty(String why) {
            this.why = why;
        }

        public String why() {
            return why;
        }
    }

    /**
     * The papers a digest would carry, in order; {@code matching} how many papers pass the settings
     * before papers per mail cuts them (counted up to {@link Preferences#MAX_PAPERS}).
     */
    public record Result(List<Listed> lists, List<Paper> papers, int matching, Optional<Empty> empty) {
    }

    private record Prepared(Period period, List<List<Paper>> lists, Ranker.Corpus corpus) {
        boolean holds(Period p, List<List<Paper>> l) {
            if (!period.equals(p) || lists.size() != l.size()) {
                return false;
            }
            for (int i = 0; i < l.size(); i++) {
                if (lists.get(i) != l.get(i)) {
                    return false; // a list read again: prepare anew
                }
            }
            return true;
        }
    }

    private final PaperLookup lookup;
    private final Map<Preferences.Frequency, Prepared> prepared = new LinkedHashMap<>();

    public DigestPreview(PaperLookup lookup) {
        this.lookup = lookup;
    }

    public Result of(Preferences preferences) {
        Optional<Map.Entry<LocalDate, List<Paper>>> newest = lookup.latestListedDay();
        if (newest.isEmpty()) {
            return new Result(List.of(), List.of(), 0, Optional.of(Empty.NO_LISTS));
        }
        Period period = new Period(preferences.frequency(), newest.get().getKey());
        LocalDate fillingUp = lookup.latest();
        List<Listed> listed = new ArrayList<>();
        List<List<Paper>> lists = new ArrayList<>();
        for (LocalDate day : period.days()) {
            List<Paper> list = day.equals(period.listDate()) ? newest.get().getValue() : lookup.day(day);
            lists.add(list);
            if (!list.isEmpty()) {
                listed.add(new Listed(day, list.size(), day.equals(fillingUp)));
            }
        }
        Ranker.Corpus corpus = corpus(period, lists);
        List<Paper> picked = rank(corpus, preferences);
        int matching = picked.size() < preferences.maxPapers() ? picked.size()
                : rank(corpus, with(preferences, Preferences.MAX_PAPERS, preferences.minUpvotes(), preferences.excludedTopics())).size();
        return new Result(List.copyOf(listed), picked, matching, picked.isEmpty() ? Optional.of(whyEmpty(corpus, preferences)) : Optional.empty());
    }

    /** Which setting emptied the preview: each is relaxed in turn, and Ranker asked again. */
    private static Empty whyEmpty(Ranker.Corpus corpus, Preferences p) {
        if (rank(corpus, with(p, p.maxPapers(), 0, List.of())).isEmpty()) {
            return Empty.NO_MATCH;
        }
        if (!rank(corpus, with(p, p.maxPapers(), p.minUpvotes(), List.of())).isEmpty()) {
            return Empty.LEFT_OUT;
        }
        if (!rank(corpus, with(p, p.maxPapers(), 0, p.excludedTopics())).isEmpty()) {
            return Empty.TOO_FEW_UPVOTES;
        }
        return Empty.LEFT_OUT_OR_TOO_FEW_UPVOTES;
    }

    private static List<Paper> rank(Ranker.Corpus corpus, Preferences preferences) {
        return Ranker.rank(corpus, preferences, Set.of());
    }

    private static Preferences with(Preferences p, int maxPapers, int minUpvotes, List<String> excludedTopics) {
        return new Preferences(p.frequency(), p.weeklyDay(), p.keywords(), maxPapers, minUpvotes, excludedTopics, p.followedAuthors(),
                p.delivery(), p.hour(), p.zone());
    }

    /** The period's papers as the sender reads them (each once, in the days' order), prepared again only when a list changed. */
    private synchronized Ranker.Corpus corpus(Period period, List<List<Paper>> lists) {
        Prepared held = prepared.get(period.frequency());
        if (held == null || !held.holds(period, lists)) {
            Map<LocalDate, List<Paper>> byDay = new LinkedHashMap<>();
            List<LocalDate> days = period.days();
            for (int i = 0; i < days.size(); i++) {
                byDay.put(days.get(i), lists.get(i));
            }
            held = new Prepared(period, List.copyOf(lists), new PeriodPapers(byDay::get).of(period));
            prepared.put(period.frequency(), held);
        }
        return held.corpus();
    }
}
