package dev.paperboy.digest;

import static dev.paperboy.paper.Papers.paper;

import dev.paperboy.paper.Paper;
import dev.paperboy.paper.Words;
import dev.paperboy.subscriber.Preferences;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What every ranking must respect, whatever the papers and preferences. */
class RankerPropertiesTest {
    private static final List<String> WORDS = List.of("agents", "diffusion", "robots", "learning", "vision", "language", "scaling", "survey");

    @Provide
    Arbitrary<List<Paper>> papers() {
        Arbitrary<String> text = Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(12).map(w -> String.join(" ", w));
        Arbitrary<Paper> paper = Combinators.combine(Arbitraries.integers().between(0, 99_999), text, text,
                Arbitraries.integers().between(0, 500), Arbitraries.of(WORDS).list().ofMaxSize(3))
                .as((n, title, abstractText, upvotes, keywords) -> paper("2508." + String.format("%05d", n), title, abstractText, upvotes, keywords));
        return paper.list().ofMaxSize(40).uniqueElements(Paper::id);
    }

    @Provide
    Arbitrary<Preferences> preferences() {
        Arbitrary<List<String>> keywords = Arbitraries.oneOf(Arbitraries.of(WORDS),
                Arbitraries.of(WORDS).list().ofSize(2).map(w -> String.join(" ", w))).list().ofMaxSize(4).uniqueElements();
        return Combinators.combine(keywords, Arbitraries.integers().between(1, 50), Arbitraries.integers().between(0, 300))
                .as((k, max, min) -> new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, k, max, min));
    }

    @Property(tries = 300)
    void aDigestHoldsOnlyEligiblePapersEachOnceAtMostTheMaximum(@ForAll("papers") List<Paper> papers,
                                                                 @ForAll("preferences") Preferences preferences) {
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < papers.size(); i += 3) {
            sent.add(papers.get(i).id());
        }
        List<Paper> ranked = Ranker.rank(Ranker.prepare(papers), preferences, sent);

        check(ranked.size() <= preferences.maxPapers(), "no more than the maximum");
        check(new HashSet<>(ranked).size() == ranked.size(), "each paper once");
        check(papers.containsAll(ranked), "only papers of the period");
        check(ranked.stream().noneMatch(p -> sent.contains(p.id())), "never a paper already sent");
        check(ranked.stream().allMatch(p -> p.upvotes() >= preferences.minUpvotes()), "at least the minimum upvotes");
        if (!preferences.keywords().isEmpty()) {
            check(ranked.stream().allMatch(p -> preferences.keywords().stream().anyMatch(k -> mentions(p, k))), "every paper matches a keyword");
        }
    }

    @Property(tries = 200)
    void withoutKeywordsTheMostUpvotedComeFirstAndNoneIsLeftOutBelowTheMaximum(@ForAll("papers") List<Paper> papers) {
        Preferences trending = new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of(), 50, 0);
        List<Paper> ranked = Ranker.rank(Ranker.prepare(papers), trending, Set.of());

        check(ranked.size() == Math.min(50, papers.size()), "every paper up to the maximum");
        List<Integer> upvotes = new ArrayList<>(ranked.stream().map(Paper::upvotes).toList());
        for (int i = 1; i < upvotes.size(); i++) {
            check(upvotes.get(i - 1) >= upvotes.get(i), "ordered by upvotes");
        }
    }

    private static boolean mentions(Paper p, String keyword) {
        String text = " " + String.join(" ", Words.of(p.title() + " " + String.join(" ", p.aiKeywords()) + " " + p.abstractText())) + " ";
        return text.contains(" " + String.join(" ", Words.of(keyword)) + " ");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
