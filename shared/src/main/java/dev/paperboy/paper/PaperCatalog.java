package dev.paperboy.paper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reading papers for people: a day's list, the latest day that has one, and keyword search over
 * the lists of recent weeks. Search reads each recent day's list (one Query and one BatchGet a
 * day, never a table scan) and keeps them for a few minutes per container. A day's list and the
 * latest listed day (what {@code GET /} shows) are kept for {@code pageCacheFor}: lists change a
 * few times a day, and a burst of page views then costs one read per container, not one each.
 */
public final class PaperCatalog implements PaperLookup {
    private final PaperRepository papers;
    private final ListingCalendar calendar;
    private final Clock clock;
    private final Duration cacheFor;
    private final int searchDays;
    private final Duration pageCacheFor;
    private Map<LocalDate, List<Paper>> recent = Map.of();
    private Instant recentReadAt = Instant.MIN;
    private Optional<Map.Entry<LocalDate, List<Paper>>> latestListed = Optional.empty();
    private Instant latestListedReadAt = Instant.MIN;
    /** Days people asked for ({@code ?date=}): bounded, since anyone can ask for any date. */
    private final Map<LocalDate, Cached> days = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, Cached> eldest) {
            return size() > MAX_CACHED_DAYS;
        }
    };
    private static final int MAX_CACHED_DAYS = 64;

    private record Cached(List<Paper> papers, Instant readAt) {
    }

    /** Search lists and pages both kept for {@code cacheFor}. */
    public PaperCatalog(PaperRepository papers, ListingCalendar calendar, Clock clock, Duration cacheFor, int searchDays) {
        this(papers, calendar, clock, cacheFor, searchDays, cacheFor);
    }

    public PaperCatalog(PaperRepository papers, ListingCalendar calendar, Clock clock, Duration cacheFor, int searchDays,
                        Duration pageCacheFor) {
        this.papers = papers;
        this.calendar = calendar;
        this.clock = clock;
        this.cacheFor = cacheFor;
        this.searchDays = searchDays;
        this.pageCacheFor = pageCacheFor;
    }

    public List<Paper> day(LocalDate date) {
        Instant now = clock.instant();
        synchronized (days) {
            Cached cached = days.get(date);
            if (cached != null && fresh(cached.readAt(), now)) {
                return cached.papers();
            }
        }
        List<Paper> list = papers.papersOf(date);
        synchronized (days) {
            days.put(date, new Cached(list, now));
        }
        return list;
    }

    public LocalDate latest() {
        return calendar.latest();
    }

    /** The most recent day with papers, and its papers. */
    public synchronized Optional<Map.Entry<LocalDate, List<Paper>>> latestListedDay() {
        Instant now = clock.instant();
        if (!fresh(latestListedReadAt, now)) {
            latestListed = papers.latestDayWithPapers(calendar.latest()).map(day -> Map.entry(day, papers.papersOf(day)));
            latestListedReadAt = now;
        }
        return latestListed;
    }

    private boolean fresh(Instant readAt, Instant now) {
        return !pageCacheFor.isZero() && !readAt.plus(pageCacheFor).isBefore(now) && !now.isBefore(readAt);
    }

    /** Papers of the recent lists that contain every term, most upvoted first, each paper once. */
    public List<Paper> search(List<String> terms, int limit) {
        Map<String, Paper> found = new LinkedHashMap<>();
        for (List<Paper> list : recentLists().values()) {
            for (Paper paper : list) {
                if (matchesAll(paper, terms)) {
                    found.putIfAbsent(paper.id(), paper);
                }
            }
        }
        return found.values().stream().sorted(Comparator.comparingInt(Paper::upvotes).reversed()).limit(limit).toList();
    }

    /** Papers of the last few lists, newest list first: what a feed shows. */
    public List<Paper> recent(int days, List<String> terms, int limit) {
        List<Paper> out = new ArrayList<>();
        recentLists().entrySet().stream().limit(days).forEach(e -> e.getValue().stream()
                .filter(p -> terms.isEmpty() || matchesAll(p, terms)).forEach(out::add));
        return out.stream().limit(limit).toList();
    }

    public static boolean matchesAll(Paper paper, List<String> terms) {
        String text = (paper.title() + " " + paper.abstractText() + " " + String.join(" ", paper.aiKeywords()) + " "
                + paper.aiSummary().orElse("")).toLowerCase(Locale.ROOT);
        return terms.stream().allMatch(t -> text.contains(t.toLowerCase(Locale.ROOT)));
    }

    private synchronized Map<LocalDate, List<Paper>> recentLists() {
        Instant now = clock.instant();
        if (recentReadAt.plus(cacheFor).isBefore(now)) {
            Map<LocalDate, List<Paper>> lists = new LinkedHashMap<>();
            // The most recent stored days with papers, newest first (recent weeks of lists).
            LocalDate newest = papers.latestDayWithPapers(calendar.latest()).orElse(calendar.latest());
            List<LocalDate> days = new ArrayList<>(papers.daysBetween(newest.minusDays(searchDays - 1L), newest));
            java.util.Collections.reverse(days);
            for (LocalDate day : days) {
                List<Paper> list = papers.papersOf(day);
                if (!list.isEmpty()) {
                    lists.put(day, list);
                }
            }
            recent = lists;
            recentReadAt = now;
        }
        return recent;
    }
}
