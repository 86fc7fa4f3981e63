package dev.paperboy.digest;

import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.Preferences;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Orders a period's papers for one subscriber. Without keywords: the trending order, most upvoted
 * first. With keywords: BM25 relevance over title, abstract and AI keywords (a keyword of several
 * words matches as a phrase), blended with upvotes; papers matching no keyword are left out.
 * {@link #prepare} tokenises the period's papers once; ranking for each subscriber reuses it.
 */
public final class Ranker {
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final double K1 = 1.2;
    private static final double B = 0.75;
    /** Title and AI keywords say what a paper is about more than a sentence of its abstract. */
    private static final int TITLE_WEIGHT = 3;
    private static final int KEYWORDS_WEIGHT = 2;
    private static final double RELEVANCE_SHARE = 0.7;

    /** The papers of a period, tokenised once. */
    public static final class Corpus {
        private final List<Paper> papers;
        private final List<String[]> tokens;
        private final double averageLength;
        private final Map<String, Integer> documentFrequency = new HashMap<>();
        /** log(1 + upvotes) / its maximum, per paper: the trending score, the same for every subscriber. */
        private final double[] popularity;

        private Corpus(List<Paper> papers) {
            this.papers = List.copyOf(papers);
            this.tokens = new ArrayList<>(papers.size());
            long total = 0;
            double maxUpvotes = 0;
            for (Paper p : papers) {
                List<String> words = new ArrayList<>();
                for (int i = 0; i < TITLE_WEIGHT; i++) {
                    words.addAll(words(p.title()));
                    words.add("\u0000"); // keeps a phrase from running across field copies
                }
                for (int i = 0; i < KEYWORDS_WEIGHT; i++) {
                    for (String keyword : p.aiKeywords()) {
                        words.addAll(words(keyword));
                        words.add("\u0000");
                    }
                }
                words.addAll(words(p.abstractText()));
                String[] array = words.toArray(String[]::new);
                tokens.add(array);
                total += array.length;
                maxUpvotes = Math.max(maxUpvotes, Math.log1p(p.upvotes()));
            }
            this.averageLength = papers.isEmpty() ? 1 : (double) total / papers.size();
            double maxUpvoteScore = maxUpvotes == 0 ? 1 : maxUpvotes;
            this.popularity = new double[papers.size()];
            for (int i = 0; i < papers.size(); i++) {
                popularity[i] = Math.log1p(papers.get(i).upvotes()) / maxUpvoteScore;
            }
        }

        public List<Paper> papers() {
            return papers;
        }

        private int documentFrequency(String[] phrase) {
            return documentFrequency.computeIfAbsent(String.join(" ", phrase), key -> {
                int n = 0;
                for (String[] doc : tokens) {
                    if (occurrences(doc, phrase) > 0) {
                        n++;
                    }
                }
                return n;
            });
        }
    }

    public static Corpus prepare(List<Paper> papers) {
        return new Corpus(papers);
    }

    /** The digest's papers in order: not already sent, at least the minimum upvotes, at most the maximum count. */
    public static List<Paper> rank(Corpus corpus, Preferences preferences, Set<String> alreadySent) {
        List<String[]> phrases = preferences.keywords().stream().map(k -> words(k).toArray(String[]::new))
                .filter(p -> p.length > 0).toList();
        // Inverse document frequency once per keyword, not once per paper.
        double[] idf = new double[phrases.size()];
        for (int k = 0; k < idf.length; k++) {
            int df = corpus.documentFrequency(phrases.get(k));
            idf[k] = Math.log(1 + (corpus.papers.size() - df + 0.5) / (df + 0.5));
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < corpus.papers.size(); i++) {
            Paper paper = corpus.papers.get(i);
            if (alreadySent.contains(paper.id()) || paper.upvotes() < preferences.minUpvotes()) {
                continue;
            }
            if (phrases.isEmpty()) {
                scored.add(new Scored(paper, i, corpus.popularity[i]));
                continue;
            }
            double relevance = 0;
            for (int k = 0; k < idf.length; k++) {
                relevance += bm25(corpus, corpus.tokens.get(i), phrases.get(k), idf[k]);
            }
            if (relevance > 0) {
                scored.add(new Scored(paper, i, relevance));
            }
        }
        if (!phrases.isEmpty()) {
            double maxRelevance = scored.stream().mapToDouble(Scored::score).max().orElse(1);
            scored.replaceAll(s -> new Scored(s.paper(), s.index(), RELEVANCE_SHARE * s.score() / maxRelevance
                    + (1 - RELEVANCE_SHARE) * corpus.popularity[s.index()]));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed()
                .thenComparing(s -> s.paper().upvotes(), Comparator.reverseOrder())
                .thenComparing(s -> s.paper().id()));
        return scored.stream().limit(preferences.maxPapers()).map(Scored::paper).toList();
    }

    private record Scored(Paper paper, int index, double score) {
    }

    private static double bm25(Corpus corpus, String[] doc, String[] phrase, double idf) {
        int tf = occurrences(doc, phrase);
        if (tf == 0) {
            return 0;
        }
        double norm = tf + K1 * (1 - B + B * doc.length / corpus.averageLength);
        return idf * tf * (K1 + 1) / norm;
    }

    private static int occurrences(String[] doc, String[] phrase) {
        int count = 0;
        outer:
        for (int i = 0; i + phrase.length <= doc.length; i++) {
            for (int j = 0; j < phrase.length; j++) {
                if (!doc[i + j].equals(phrase[j])) {
                    continue outer;
                }
            }
            count++;
        }
        return count;
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }
}
