package dev.paperboy.digest;

import static dev.paperboy.paper.Papers.paper;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.Preferences;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankerTest {
    private static final List<Paper> DAY = List.of(
            paper("2508.00001", "Scaling Diffusion Transformers", "We scale diffusion models.", 50, List.of("diffusion")),
            paper("2508.00002", "Robot Learning From Play", "Robots learn from play data with reinforcement learning.", 120, List.of("robotics")),
            paper("2508.00003", "A Survey of Agents", "Language agents that plan. Reinforcement of habits is not learning.", 80, List.of("agents")),
            paper("2508.00004", "Reinforcement Learning for Agents", "Agents trained with reinforcement learning.", 10, List.of("reinforcement learning", "agents")));
    private static final Ranker.Corpus CORPUS = Ranker.prepare(DAY);

    private static Preferences prefs(List<String> keywords, int maxPapers, int minUpvotes) {
        return new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, keywords, maxPapers, minUpvotes);
    }

    private static List<String> ids(List<Paper> papers) {
        return papers.stream().map(Paper::id).toList();
    }

    @Test
    void withoutKeywordsItIsTheTrendingOrder() {
        assertEquals(List.of("2508.00002", "2508.00003", "2508.00001", "2508.00004"), ids(Ranker.rank(CORPUS, prefs(List.of(), 10, 0), Set.of())));
    }

    @Test
    void keywordsLeaveOutPapersThatMatchNoneAndPutTheMostRelevantFirst() {
        List<String> ranked = ids(Ranker.rank(CORPUS, prefs(List.of("agents"), 10, 0), Set.of()));
        assertEquals(Set.of("2508.00003", "2508.00004"), Set.copyOf(ranked));
        assertEquals(List.of("2508.00001"), ids(Ranker.rank(CORPUS, prefs(List.of("diffusion"), 10, 0), Set.of())));
    }

    @Test
    void aPhraseMatchesOnlyItsWordsInOrder() {
        List<String> ranked = ids(Ranker.rank(CORPUS, prefs(List.of("reinforcement learning"), 10, 0), Set.of()));
        // 00003 has both words but never together.
        assertEquals(List.of("2508.00004", "2508.00002"), ranked);
    }

    @Test
    void minimumUpvotesMaximumPapersAndAlreadySentPapersApply() {
        assertEquals(List.of("2508.00002", "2508.00003"), ids(Ranker.rank(CORPUS, prefs(List.of(), 2, 0), Set.of())));
        assertEquals(List.of("2508.00002", "2508.00003"), ids(Ranker.rank(CORPUS, prefs(List.of(), 10, 60), Set.of())));
        assertEquals(List.of("2508.00003", "2508.00001", "2508.00004"), ids(Ranker.rank(CORPUS, prefs(List.of(), 10, 0), Set.of("2508.00002"))));
    }

    @Test
    void anEmptyPeriodRanksToNothing() {
        assertEquals(List.of(), Ranker.rank(Ranker.prepare(List.of()), prefs(List.of("agents"), 10, 0), Set.of()));
    }
}
