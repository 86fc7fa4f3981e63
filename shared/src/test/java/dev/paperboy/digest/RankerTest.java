package dev.paperboy.digest;

import static dev.paperboy.paper.Papers.paper;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.Preferences;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    void keywordsThatFoldToTheSameWordsCountOnce() {
        List<String> once = ids(Ranker.rank(CORPUS, prefs(List.of("diffusion", "reinforcement learning"), 10, 0), Set.of()));
        List<String> spelledThrice = ids(Ranker.rank(Ranker.prepare(DAY),
                prefs(List.of("diffusion", "reinforcement learning", "Réinforcement-Learning", "REINFORCEMENT LEARNING!"), 10, 0), Set.of()));

        assertEquals(once, spelledThrice);
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

    @Test
    void aTopicLeftOutRemovesEveryPaperMatchingItWhateverElseItMatches() {
        Preferences agentsButNoRl = prefs(List.of("agents"), 10, 0).withExcludedTopics(List.of("reinforcement learning"));
        // 00003 has both words, never as the phrase: it stays.
        assertEquals(List.of("2508.00003"), ids(Ranker.rank(CORPUS, agentsButNoRl, Set.of())));
        assertEquals(List.of("2508.00003", "2508.00001"),
                ids(Ranker.rank(CORPUS, prefs(List.of(), 10, 0).withExcludedTopics(List.of("reinforcement learning")), Set.of())));
    }

    @Test
    void keywordsAndTopicsMatchWhateverTheCaseAndAccents() {
        Ranker.Corpus corpus = Ranker.prepare(List.of(
                paper("2508.00011", "Évaluation des Agents", "Naïve agents.", 5, List.of()),
                paper("2508.00012", "Agents at Scale", "Agents, many.", 9, List.of())));

        assertEquals(List.of("2508.00011"), ids(Ranker.rank(corpus, prefs(List.of("evaluation"), 10, 0), Set.of())));
        assertEquals(List.of("2508.00011"), ids(Ranker.rank(corpus, prefs(List.of("naive agents"), 10, 0), Set.of())));
        assertEquals(List.of("2508.00012"),
                ids(Ranker.rank(corpus, prefs(List.of("agents"), 10, 0).withExcludedTopics(List.of("evaluation")), Set.of())));
        assertEquals(List.of("2508.00011"),
                ids(Ranker.rank(corpus, prefs(List.of(), 10, 0).withExcludedTopics(List.of("at scale")), Set.of())), "a topic phrase");
    }

    private static final Ranker.Corpus BY_AUTHORS = Ranker.prepare(List.of(
            by("2508.00021", "Diffusion for All", 300, "Grace Hopper"),
            by("2508.00022", "Agents That Plan", 5, "Ada Lovelace", "Alan Turing"),
            by("2508.00023", "More Agents", 90, "Alan Turing"),
            by("2508.00024", "Agents in Robotics", 40, "Ada Lovelace"),
            by("2508.00025", "Agents Again", 60, "Edsger Dijkstra")));

    @Test
    void followedAuthorsPapersComeFirstByUpvotesWhateverKeywordsAndMinimumUpvotesSay() {
        Preferences p = prefs(List.of("diffusion"), 10, 50).withFollowedAuthors(List.of("A. Lovelace"));

        assertEquals(List.of("2508.00024", "2508.00022", "2508.00021"), ids(Ranker.rank(BY_AUTHORS, p, Set.of())));
        assertEquals(List.of("2508.00023", "2508.00024", "2508.00022", "2508.00021", "2508.00025"),
                ids(Ranker.rank(BY_AUTHORS, prefs(List.of(), 10, 0).withFollowedAuthors(List.of("ada lovelace", "Alan Turing")), Set.of())),
                "each paper once, even by two followed authors");
    }

    @Test
    void followedPapersGoPastPapersPerMailButTheRestWaits() {
        Preferences one = prefs(List.of("agents"), 1, 0).withFollowedAuthors(List.of("Ada Lovelace"));

        assertEquals(List.of("2508.00024", "2508.00022"), ids(Ranker.rank(BY_AUTHORS, one, Set.of())));
    }

    @Test
    void followedPapersStopAtTheMostADigestHolds() {
        List<Paper> many = new ArrayList<>();
        for (int i = 0; i < Preferences.MAX_PAPERS + 5; i++) {
            many.add(by(String.format("2508.%05d", 30_000 + i), "Paper " + i, i, "Ada Lovelace"));
        }
        List<Paper> ranked = Ranker.rank(Ranker.prepare(many), prefs(List.of(), 3, 0).withFollowedAuthors(List.of("Ada Lovelace")), Set.of());

        assertEquals(Preferences.MAX_PAPERS, ranked.size());
        assertEquals(Preferences.MAX_PAPERS + 4, ranked.get(0).upvotes(), "the most upvoted first");
    }

    @Test
    void aFollowedAuthorsPaperOnATopicLeftOutOrAlreadySentIsNotIn() {
        Preferences p = prefs(List.of(), 2, 0).withFollowedAuthors(List.of("Ada Lovelace")).withExcludedTopics(List.of("robotics"));

        assertEquals(List.of("2508.00022", "2508.00021"), ids(Ranker.rank(BY_AUTHORS, p, Set.of())));
        assertEquals(List.of("2508.00021", "2508.00023"), ids(Ranker.rank(BY_AUTHORS, p, Set.of("2508.00022"))));
    }

    private static Paper by(String id, String title, int upvotes, String... authors) {
        return new Paper(id, title, title + ".", List.of(authors), Optional.empty(), Optional.empty(), upvotes, 0, Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), LocalDate.of(2025, 8, 29));
    }
}
