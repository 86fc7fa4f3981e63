package dev.paperboy.digest;

import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The papers of a period, read once per period and instance, prepared for ranking. A warm instance
 * sends many messages of the same period, so the period's lists are read and indexed once, not per
 * message; the two most recent periods are kept (a daily and a weekly run may overlap), no more.
 */
public final class PeriodPapers {
    /** One day's list: a paper listed on several days of a week appears in each. */
    @FunctionalInterface
    public interface DayPapers {
        List<Paper> papersOf(LocalDate day);
    }

    private static final int PERIODS_KEPT = 2;

    private final DayPapers days;
    private final Map<String, Ranker.Corpus> recent = new LinkedHashMap<>(4, 0.75f, true);

    public PeriodPapers(DayPapers days) {
        this.days = days;
    }

    /** The period's papers, each once, in the order its days list them. */
    public synchronized Ranker.Corpus of(Period period) {
        Ranker.Corpus corpus = recent.get(period.id());
        if (corpus == null) {
            corpus = Ranker.prepare(read(period));
            recent.put(period.id(), corpus);
            if (recent.size() > PERIODS_KEPT) {
                recent.remove(recent.keySet().iterator().next()); // the least recently used
            }
        }
        return corpus;
    }

    private List<Paper> read(Period period) {
        List<Paper> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LocalDate day : period.days()) {
            for (Paper paper : days.papersOf(day)) {
                if (seen.add(paper.id())) {
                    all.add(paper);
                }
            }
        }
        return all;
    }
}
