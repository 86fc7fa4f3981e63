package dev.paperboy.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperLookup;
import dev.paperboy.paper.Papers;
import dev.paperboy.subscriber.Preferences;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The preview of a next digest: which lists, which papers Ranker picks from them, and why none. */
class DigestPreviewTest {
    private static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);
    private static final Paper DIFFUSION = Papers.paper("2508.00001", "Diffusion for Everyone", "Denoising, for all.", 120, List.of("diffusion"));
    private static final Paper ROBOTS = Papers.paper("2508.00002", "Robots That Read", "Reading robots.", 80, List.of("robots"));
    private static final Paper AGENTS = Papers.paper("2508.00003", "Agents at Work", "Agents that plan.", 5, List.of("agents"));
    private static final Paper LAST_WEEK = Papers.paper("2508.00004", "Diffusion of Last Week", "Old diffusion.", 300, List.of("diffusion"));

    private final Lists lists = new Lists();
    private final DigestPreview preview = new DigestPreview(lists);

    @Test
    void aDailyPreviewIsWhatRankerPicksFromTheNewestList() {
        lists.put(FRIDAY, DIFFUSION, ROBOTS, AGENTS);
        lists.put(FRIDAY.minusDays(1), LAST_WEEK);
        Preferences robots = daily(List.of("robots"), 10, 0);

        DigestPreview.Result result = preview.of(robots);

        assertEquals(Ranker.rank(Ranker.prepare(List.of(DIFFUSION, ROBOTS, AGENTS)), robots, Set.of()), result.papers());
        assertEquals(List.of(ROBOTS), result.papers());
        assertEquals(List.of(new DigestPreview.Listed(FRIDAY, 3, false)), result.lists());
        assertEquals(1, result.matching());
        assertEquals(Optional.empty(), result.empty());
    }

    @Test
    void aWeeklyPreviewDrawsOnTheSevenDaysUpToTheNewestListEachPaperOnce() {
        lists.put(FRIDAY, DIFFUSION, ROBOTS);
        lists.put(FRIDAY.minusDays(2), DIFFUSION, AGENTS);
        lists.put(FRIDAY.minusDays(7), LAST_WEEK);
        Preferences weekly = new Preferences(Preferences.Frequency.WEEKLY, DayOfWeek.FRIDAY, List.of(), 10, 0);

        DigestPreview.Result result = preview.of(weekly);

        assertEquals(List.of(DIFFUSION, ROBOTS, AGENTS), result.papers(), "trending order, the paper of two lists once, not last Friday's");
        assertEquals(List.of(new DigestPreview.Listed(FRIDAY.minusDays(2), 2, false), new DigestPreview.Listed(FRIDAY, 2, false)),
                result.lists());
    }

    @Test
    void theListStillBeingPublishedIsMarkedFillingUp() {
        lists.put(FRIDAY, DIFFUSION);
        lists.latest = FRIDAY;

        assertEquals(List.of(new DigestPreview.Listed(FRIDAY, 1, true)), preview.of(Preferences.defaults()).lists());
    }

    @Test
    void matchesAreCountedBeyondWhatOneMailCarries() {
        lists.put(FRIDAY, IntStream.range(0, 60).mapToObj(i -> Papers.paper("2508.%05d".formatted(10_000 + i), "Paper " + i,
                i < 12 ? "About agents." : "About nothing.", i, List.of())).toArray(Paper[]::new));

        DigestPreview.Result agents = preview.of(daily(List.of("agents"), 5, 0));
        DigestPreview.Result all = preview.of(daily(List.of(), 5, 0));

        assertEquals(5, agents.papers().size());
        assertEquals(12, agents.matching());
        assertEquals(Preferences.MAX_PAPERS, all.matching(), "counted up to the most a mail can carry");
    }

    @Test
    void anEmptyPreviewSaysWhichSettingEmptiedIt() {
        assertEquals(Optional.of(DigestPreview.Empty.NO_LISTS), preview.of(Preferences.defaults()).empty());

        lists.put(FRIDAY, DIFFUSION, ROBOTS);
        assertEquals(Optional.of(DigestPreview.Empty.NO_MATCH), preview.of(daily(List.of("quantum"), 10, 0)).empty());
        assertEquals(Optional.of(DigestPreview.Empty.TOO_FEW_UPVOTES), preview.of(daily(List.of("robots"), 10, 81)).empty());
        assertEquals(Optional.of(DigestPreview.Empty.TOO_FEW_UPVOTES), preview.of(daily(List.of(), 10, 500)).empty());
    }

    @Test
    void eachPreviewAsksTheLookupForTheNewestListAndTheOtherDaysOfTheWeekOnly() {
        lists.put(FRIDAY, DIFFUSION);

        preview.of(daily(List.of("diffusion"), 10, 0));
        assertEquals(Map.of("latestListedDay", 1), lists.asked);

        lists.asked.clear();
        preview.of(new Preferences(Preferences.Frequency.WEEKLY, DayOfWeek.MONDAY, List.of(), 10, 0));
        assertEquals(Map.of("latestListedDay", 1, "day", 6), lists.asked);
    }

    private static Preferences daily(List<String> keywords, int maxPapers, int minUpvotes) {
        return new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, keywords, maxPapers, minUpvotes);
    }

    /** Lists in memory, counting what is asked of them. */
    private static final class Lists implements PaperLookup {
        final Map<LocalDate, List<Paper>> byDay = new HashMap<>();
        final Map<String, Integer> asked = new HashMap<>();
        LocalDate latest = FRIDAY.plusDays(1);

        void put(LocalDate day, Paper... papers) {
            byDay.put(day, List.of(papers));
        }

        @Override
        public List<Paper> day(LocalDate date) {
            asked.merge("day", 1, Integer::sum);
            return byDay.getOrDefault(date, List.of());
        }

        @Override
        public LocalDate latest() {
            return latest;
        }

        @Override
        public Optional<Map.Entry<LocalDate, List<Paper>>> latestListedDay() {
            asked.merge("latestListedDay", 1, Integer::sum);
            return byDay.keySet().stream().max(LocalDate::compareTo).map(d -> Map.entry(d, byDay.get(d)));
        }

        @Override
        public List<Paper> search(List<String> terms, int limit) {
            throw new UnsupportedOperationException("a preview does not search");
        }

        @Override
        public List<Paper> recent(int days, List<String> terms, int limit) {
            throw new UnsupportedOperationException("a preview does not read feeds");
        }
    }
}
