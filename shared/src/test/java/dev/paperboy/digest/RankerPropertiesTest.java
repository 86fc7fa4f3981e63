package dev.paperboy.digest;

import static dev.paperboy.paper.Papers.paper;

import dev.paperboy.paper.AuthorName;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.Words;
import dev.paperboy.subscriber.Preferences;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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

    private static final List<String> NAMES = List.of("Ada Lovelace", "Alan Turing", "Grace Hopper", "Émilie du Châtelet", "Kurt Gödel");

    @Provide
    Arbitrary<List<Paper>> papersWithAuthors() {
        Arbitrary<String> text = Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(12).map(w -> String.join(" ", w));
        Arbitrary<Paper> paper = Combinators.combine(Arbitraries.integers().between(0, 99_999), text, text,
                Arbitraries.integers().between(0, 500), Arbitraries.of(NAMES).list().ofMaxSize(3).uniqueElements())
                .as((n, title, abstractText, upvotes, authors) -> new Paper("2508." + String.format("%05d", n), title, abstractText,
                        authors, Optional.empty(), Optional.empty(), upvotes, 0, Optional.empty(), List.of(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), LocalDate.of(2025, 8, 29)));
        return paper.list().ofMaxSize(60).uniqueElements(Paper::id);
    }

    @Provide
    Arbitrary<Preferences> following() {
        Arbitrary<List<String>> topics = Arbitraries.oneOf(Arbitraries.of(WORDS),
                Arbitraries.of(WORDS).list().ofSize(2).map(w -> String.join(" ", w))).list().ofMaxSize(3).uniqueElements();
        // Followed names spelt as people type them: lower case, no accents, an initial.
        Arbitrary<String> spelling = Arbitraries.of(NAMES).flatMap(n -> Arbitraries.of(n, n.toLowerCase(java.util.Locale.ROOT),
                dev.paperboy.paper.Words.fold(n), n.charAt(0) + ". " + n.substring(n.indexOf(' ') + 1)));
        Arbitrary<List<String>> authors = spelling.list().ofMaxSize(3).uniqueElements();
        return Combinators.combine(preferences(), topics, authors).as((p, t, a) -> p.withExcludedTopics(t).withFollowedAuthors(a));
    }

    @Property(tries = 300)
    void noPaperOnATopicLeftOutAndEveryFollowedPaperFirst(@ForAll("papersWithAuthors") List<Paper> papers,
                                                          @ForAll("following") Preferences preferences) {
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < papers.size(); i += 4) {
            sent.add(papers.get(i).id());
        }
        List<Paper> ranked = Ranker.rank(Ranker.prepare(papers), preferences, sent);

        check(ranked.stream().noneMatch(p -> preferences.excludedTopics().stream().anyMatch(t -> mentions(p, t))),
                "no paper matches a topic left out");
        check(new HashSet<>(ranked).size() == ranked.size(), "each paper once");
        check(ranked.stream().noneMatch(p -> sent.contains(p.id())), "never a paper already sent");
        List<AuthorName> followed = AuthorName.all(preferences.followedAuthors());
        List<Paper> due = papers.stream().filter(p -> !AuthorName.followedAmong(AuthorName.all(p.authors()), followed).isEmpty())
                .filter(p -> !sent.contains(p.id()))
                .filter(p -> preferences.excludedTopics().stream().noneMatch(t -> mentions(p, t))).toList();
        int first = Math.min(due.size(), Preferences.MAX_PAPERS);
        check(ranked.size() >= first && Set.copyOf(due).containsAll(ranked.subList(0, first)), "the followed papers first");
        for (int i = 1; i < first; i++) {
            check(ranked.get(i - 1).upvotes() >= ranked.get(i).upvotes(), "followed papers by upvotes");
        }
        check(ranked.size() <= Math.max(preferences.maxPapers(), first), "the rest only up to papers per mail");
        List<Paper> rest = ranked.subList(first, ranked.size());
        check(rest.stream().allMatch(p -> p.upvotes() >= preferences.minUpvotes()), "the rest has the minimum upvotes");
        if (!preferences.keywords().isEmpty()) {
            check(rest.stream().allMatch(p -> preferences.keywords().stream().anyMatch(k -> mentions(p, k))), "the rest matches a keyword");
        }
    }

    /** Whether the title, an AI keyword or the abstract has the phrase (a phrase does not run from one field into the next). */
    private static boolean mentions(Paper p, String keyword) {
        String phrase = " " + String.join(" ", Words.of(keyword)) + " ";
        List<String> fields = new ArrayList<>(p.aiKeywords());
        fields.add(p.title());
        fields.add(p.abstractText());
        return fields.stream().anyMatch(f -> (" " + String.join(" ", Words.of(f)) + " ").contains(phrase));
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
