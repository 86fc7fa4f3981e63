package dev.paperboy.digest;

import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.Preferences;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Keywords whose scores a corpus keeps; subscribers share far fewer than this, the cap only bounds memory. */
    private static final int MAX_CACHED_KEYWORDS = 20_000;

    /** Highest score first, then the most upvoted, then by id: a total order, so digests are stable. */
    private static final Comparator<Scored> ORDER = (a, b) -> {
        int byScore = Double.compare(b.score, a.score);
        if (byScore != 0) {
            return byScore;
        }
        int byUpvotes = Integer.compare(b.paper.upvotes(), a.paper.upvotes());
        return byUpvotes != 0 ? byUpvotes : a.paper.id().compareTo(b.paper.id());
    };

    /**
     * The papers of a period, tokenised once, and what every subscriber shares: the trending order
     * and each keyword's BM25 score per paper, computed the first time a subscriber has it.
     * Safe to rank with from several threads.
     */
    public static final class Corpus {
        private final List<Paper> papers;
        private final List<String[]> tokens;
        private final double averageLength;
        /** log(1 + upvotes) / its maximum, per paper: the trending score, the same for every subscriber. */
        private final double[] popularity;
        /** Paper indexes in the trending order. */
        private final int[] trending;
        /** A keyword as a subscriber typed it, to the papers it matches and their BM25 scores. */
        private final Map<String, Matches> matches = new ConcurrentHashMap<>();

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
            List<Scored> all = new ArrayList<>(papers.size());
            for (int i = 0; i < papers.size(); i++) {
                popularity[i] = Math.log1p(papers.get(i).upvotes()) / maxUpvoteScore;
                all.add(new Scored(this.papers.get(i), i, popularity[i]));
            }
            all.sort(ORDER);
            this.trending = all.stream().mapToInt(Scored::index).toArray();
        }

        public List<Paper> papers() {
            return papers;
        }

        private Matches matches(String keyword) {
            Matches found = matches.get(keyword);
            if (found == null) {
                found = score(words(keyword).toArray(String[]::new));
                if (matches.size() < MAX_CACHED_KEYWORDS) {
                    matches.putIfAbsent(keyword, found);
                }
            }
            return found;
        }

        /** BM25 of a phrase in each paper that has it at least once. */
        private Matches score(String[] phrase) {
            if (phrase.length == 0) {
                return Matches.NOT_A_PHRASE;
            }
            int[] tf = new int[papers.size()];
            int df = 0;
            for (int i = 0; i < tf.length; i++) {
                tf[i] = occurrences(tokens.get(i), phrase);
                if (tf[i] > 0) {
                    df++;
                }
            }
            double idf = Math.log(1 + (papers.size() - df + 0.5) / (df + 0.5));
            int[] indexes = new int[df];
            double[] scores = new double[df];
            for (int i = 0, n = 0; i < tf.length; i++) {
                if (tf[i] > 0) {
                    double norm = tf[i] + K1 * (1 - B + B * tokens.get(i).length / averageLength);
                    indexes[n] = i;
                    scores[n++] = idf * tf[i] * (K1 + 1) / norm;
                }
            }
            return new Matches(indexes, scores);
        }
    }

    /** The papers a phrase occurs in, by index, with its BM25 score in each. */
    private record Matches(int[] indexes, double[] scores) {
        static final Matches NOT_A_PHRASE = new Matches(new int[0], new double[0]);
    }

    public static Corpus prepare(List<Paper> papers) {
        return new Corpus(papers);
    }

    /** The digest's papers in order: not already sent, at least the minimum upvotes, at most the maximum count. */
    public static List<Paper> rank(Corpus corpus, Preferences preferences, Set<String> alreadySent) {
        int size = corpus.papers.size();
        double[] relevance = null;
        for (String keyword : preferences.keywords()) {
            Matches m = corpus.matches(keyword);
            if (m == Matches.NOT_A_PHRASE) {
                continue; // nothing to match (punctuation only): as if not given
            }
            if (relevance == null) {
                relevance = new double[size];
            }
            // Summed in the keywords' order, as one sum per paper would be.
            for (int j = 0; j < m.indexes.length; j++) {
                relevance[m.indexes[j]] += m.scores[j];
            }
        }
        if (relevance == null) {
            return trending(corpus, preferences, alreadySent);
        }
        Scored[] scored = new Scored[size];
        int n = 0;
        double maxRelevance = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            Paper paper = corpus.papers.get(i);
            if (relevance[i] > 0 && paper.upvotes() >= preferences.minUpvotes() && !alreadySent.contains(paper.id())) {
                scored[n++] = new Scored(paper, i, relevance[i]);
                maxRelevance = Math.max(maxRelevance, relevance[i]);
            }
        }
        for (int k = 0; k < n; k++) {
            Scored s = scored[k];
            scored[k] = new Scored(s.paper, s.index, RELEVANCE_SHARE * s.score / maxRelevance
                    + (1 - RELEVANCE_SHARE) * corpus.popularity[s.index]);
        }
        Arrays.sort(scored, 0, n, ORDER);
        int count = Math.min(n, preferences.maxPapers());
        Paper[] chosen = new Paper[count];
        for (int k = 0; k < count; k++) {
            chosen[k] = scored[k].paper;
        }
        return Collections.unmodifiableList(Arrays.asList(chosen));
    }

    /** Without keywords: the corpus's trending order, minus what is filtered out. */
    private static List<Paper> trending(Corpus corpus, Preferences preferences, Set<String> alreadySent) {
        List<Paper> chosen = new ArrayList<>(Math.min(preferences.maxPapers(), corpus.trending.length));
        for (int i = 0; i < corpus.trending.length && chosen.size() < preferences.maxPapers(); i++) {
            Paper paper = corpus.papers.get(corpus.trending[i]);
            if (paper.upvotes() >= preferences.minUpvotes() && !alreadySent.contains(paper.id())) {
                chosen.add(paper);
            }
        }
        return Collections.unmodifiableList(chosen);
    }

    private record Scored(Paper paper, int index, double score) {
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
