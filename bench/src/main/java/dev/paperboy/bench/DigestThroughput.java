package dev.paperboy.bench;

import dev.paperboy.digest.DigestRenderer;
import dev.paperboy.digest.Period;
import dev.paperboy.digest.Ranker;
import dev.paperboy.digest.RenderedDigest;
import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.Preferences;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Personalised digests per second on one thread: a day of 30 papers, 10 papers a mail,
 * subscribers with 0 to 5 keywords; ranking (the corpus prepared once, as the sender does) and
 * rendering both parts. Warm-up first, then timed rounds; the median round is reported.
 */
public final class DigestThroughput {
    private static final List<String> VOCABULARY = List.of("diffusion", "agents", "reinforcement learning", "robots", "vision",
            "language models", "tokenization", "speculative decoding", "reasoning", "benchmark", "scaling", "retrieval",
            "video generation", "speech", "graph", "mixture of experts", "alignment", "3d", "medical", "code");

    public record Result(double digestsPerSecond, List<Double> rounds, int papers, int papersPerMail) {
    }

    public static Result measure(Duration warmUp, Duration round, int rounds) {
        Random random = new Random(42);
        List<Paper> day = day(random);
        List<Preferences> subscribers = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            List<String> keywords = new ArrayList<>();
            int n = random.nextInt(6);
            while (keywords.size() < n) {
                String k = VOCABULARY.get(random.nextInt(VOCABULARY.size()));
                if (!keywords.contains(k)) {
                    keywords.add(k);
                }
            }
            subscribers.add(new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, keywords, 10, 0));
        }
        Period period = new Period(Preferences.Frequency.DAILY, LocalDate.of(2025, 8, 29));
        DigestRenderer renderer = new DigestRenderer();
        DigestRenderer.Links links = new DigestRenderer.Links("https://p.test/preferences?token=m", "https://p.test/unsubscribe?token=u",
                "https://p.test/digests/x?token=d", "https://p.test/");
        Ranker.Corpus corpus = Ranker.prepare(day);
        run(corpus, subscribers, renderer, period, links, warmUp);
        List<Double> perSecond = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            perSecond.add(run(corpus, subscribers, renderer, period, links, round));
        }
        List<Double> sorted = perSecond.stream().sorted().toList();
        return new Result(sorted.get(sorted.size() / 2), perSecond, day.size(), 10);
    }

    private static double run(Ranker.Corpus corpus, List<Preferences> subscribers, DigestRenderer renderer, Period period,
                              DigestRenderer.Links links, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        long digests = 0;
        long sink = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 64; i++) {
                Preferences p = subscribers.get((int) (digests % subscribers.size()));
                List<Paper> chosen = Ranker.rank(corpus, p, Set.of());
                if (!chosen.isEmpty()) {
                    RenderedDigest digest = renderer.render(period, chosen, p, links);
                    sink += digest.html().length() + digest.text().length();
                }
                digests++;
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        return digests / ((System.nanoTime() - start) / 1e9);
    }

    private static List<Paper> day(Random random) {
        List<Paper> papers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            List<String> keywords = List.of(VOCABULARY.get(random.nextInt(VOCABULARY.size())), VOCABULARY.get(random.nextInt(VOCABULARY.size())));
            String title = "A Study of " + keywords.get(0) + " and " + keywords.get(1) + " number " + i;
            String abstractText = ("We present work on " + keywords.get(0) + ". ").repeat(3) + "Results on " + keywords.get(1)
                    + " benchmarks improve the state of the art by a wide margin. " + "Further sentences of an abstract follow here. ".repeat(6);
            papers.add(new Paper("2508.9" + String.format("%04d", i), title, abstractText, List.of("Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"),
                    Optional.of(Instant.parse("2025-08-27T10:00:00Z")), Optional.of(Instant.parse("2025-08-29T01:00:00Z")),
                    random.nextInt(300), random.nextInt(20), i % 3 == 0 ? Optional.empty() : Optional.of("An AI summary of paper " + i + "."),
                    keywords, Optional.of("https://github.com/example/p" + i), Optional.of(random.nextInt(1000)), Optional.empty(),
                    Optional.empty(), LocalDate.of(2025, 8, 29)));
        }
        return papers;
    }
}
