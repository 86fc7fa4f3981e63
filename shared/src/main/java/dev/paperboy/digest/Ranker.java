package dev.paperboy.digest;

import dev.paperboy.paper.AuthorIndex;
import dev.paperboy.paper.AuthorName;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.Words;
import dev.paperboy.subscriber.Preferences;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Orders a period's papers for one subscriber. Papers by an author they follow come first, most
 * upvoted first, whatever their keywords and minimum upvotes say (up to {@link Preferences#MAX_PAPERS}
 * of them, even past papers per mail). Then, up to papers per mail: without keywords, the trending
 * order, most upvoted first; with keywords, BM25 relevance over title, abstract and AI keywords (a
 * keyword of several words matches as a phrase), blended with upvotes, papers matching no keyword
 * left out. A paper matching a topic left out is never in, followed or not; nor one already sent.
 * Words match as {@link Words} folds them (case, accents). {@link #prepare} tokenises the period's
 * papers and reads their authors once; ranking for each subscriber reuses it.
 */
public final class Ranker {
    private static final double K1 = 1.2;
    private static final double B = 0.75;
    /** Title and AI keywords say what a paper is about more than a sentence of its abstract. */
    private static final int TITLE_WEIGHT = 3;
    private static final int KEYWORDS_WEIGHT = 2;
    private static final double RELEVANCE_SHARE = 0.7;
    /** Keywords (and topics, and followed authors) whose matches a corpus keeps; subscribers share far fewer than this, the cap only bounds memory. */
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
        /** A keyword or topic as a subscriber typed it, to the papers it matches and their BM25 scores. */
        private final Map<String, Matches> matches = new ConcurrentHashMap<>();
        private final AuthorIndex authors;
        /** A followed author as a subscriber typed the name, to the indexes of their papers. */
        private final Map<String, int[]> byAuthor = new ConcurrentHashMap<>();

        private Corpus(List<Paper> papers) {
            this.papers = List.copyOf(papers);
            this.tokens = new ArrayList<>(papers.size());
            long total = 0;
            double maxUpvotes = 0;
            for (Paper p : papers) {
                List<String> words = new ArrayList<>();
                for (int i = 0; i < TITLE_WEIGHT; i++) {
                    words.addAll(Words.of(p.title()));
                    words.add("\u0000"); // keeps a phrase from running across field copies
                }
                for (int i = 0; i < KEYWORDS_WEIGHT; i++) {
                    for (String keyword : p.aiKeywords()) {
                        words.addAll(Words.of(keyword));
                        words.add("\u0000");
                    }
                }
                words.addAll(Words.of(p.abstractText()));
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
            this.authors = new AuthorIndex(this.papers);
        }

        public List<Paper> papers() {
            return papers;
        }

        private Matches matches(String keyword) {
            Matches found = matches.get(keyword);
            if (found == null) {
                String[] words = Words.of(keyword).toArray(String[]::new);
                String phrase = String.join(" ", words);
                // The same words spelt otherwise ("Évaluation", "evaluation") share one entry.
                found = matches.get(phrase);
                if (found == null) {
                    found = score(words);
                    cache(phrase, found);
                }
                cache(keyword, found);
            }
            return found;
        }

        private void cache(String keyword, Matches found) {
            if (matches.size() < MAX_CACHED_KEYWORDS) {
                matches.putIfAbsent(keyword, found);
            }
        }

        private int[] papersBy(String author) {
            int[] found = byAuthor.get(author);
            if (found == null) {
                found = authors.papersBy(AuthorName.of(author));
                if (byAuthor.size() < MAX_CACHED_KEYWORDS) {
                    byAuthor.putIfAbsent(author, found);
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
            return new Matches(String.join(" ", phrase), indexes, scores);
        }
    }

    /** The papers a phrase (its folded words, space-separated) occurs in, by index, with its BM25 score in each. */
    private record Matches(String phrase, int[] indexes, double[] scores) {
        static final Matches NOT_A_PHRASE = new Matches("", new int[0], new double[0]);
    }

    public static Corpus prepare(List<Paper> papers) {
        return new Corpus(papers);
    }

    /**
     * The digest's papers in order: the followed authors' papers first, then the ranked rest up to
     * papers per mail; never one already sent or matching a topic left out.
     */
    public static List<Paper> rank(Corpus corpus, Preferences preferences, Set<String> alreadySent) {
        boolean[] excluded = excluded(corpus, preferences.excludedTopics());
        boolean[] followed = followed(corpus, preferences.followedAuthors());
        List<Paper> chosen = new ArrayList<>(preferences.maxPapers());
        if (followed != null) {
            for (int i = 0; i < corpus.trending.length && chosen.size() < Preferences.MAX_PAPERS; i++) {
                int index = corpus.trending[i];
                Paper paper = corpus.papers.get(index);
                if (followed[index] && !isExcluded(excluded, index) && !alreadySent.contains(paper.id())) {
                    chosen.add(paper);
                }
            }
        }
        int room = preferences.maxPapers() - chosen.size();
        if (room > 0) {
            double[] relevance = relevance(corpus, preferences.keywords());
            if (relevance == null) {
                trending(corpus, preferences, alreadySent, excluded, followed, room, chosen);
            } else {
                relevant(corpus, preferences, alreadySent, excluded, followed, room, relevance, chosen);
            }
        }
        return Collections.unmodifiableList(chosen);
    }

    /**
     * Each keyword's BM25 scores summed per paper, or null when no keyword is a phrase to match. Two
     * keywords that fold to the same words ("c", "c++"; "évaluation", "evaluation") count once.
     */
    private static double[] relevance(Corpus corpus, List<String> keywords) {
        double[] relevance = null;
        Matches[] counted = new Matches[keywords.size()];
        int n = 0;
        for (String keyword : keywords) {
            Matches m = corpus.matches(keyword);
            if (m == Matches.NOT_A_PHRASE || isAmong(m, counted, n)) {
                continue; // nothing to match (punctuation only), or counted already: as if not given
            }
            counted[n++] = m;
            if (relevance == null) {
                relevance = new double[corpus.papers.size()];
            }
            // Summed in the keywords' order, as one sum per paper would be.
            for (int j = 0; j < m.indexes.length; j++) {
                relevance[m.indexes[j]] += m.scores[j];
            }
        }
        return relevance;
    }

    private static boolean isAmong(Matches m, Matches[] counted, int n) {
        for (int j = 0; j < n; j++) {
            if (counted[j].phrase.equals(m.phrase)) {
                return true;
            }
        }
        return false;
    }

    /** Per paper, whether it matches a topic left out; null when none does. */
    private static boolean[] excluded(Corpus corpus, List<String> topics) {
        boolean[] excluded = null;
        for (String topic : topics) {
            Matches m = corpus.matches(topic);
            if (m.indexes.length > 0) {
                excluded = excluded == null ? new boolean[corpus.papers.size()] : excluded;
                for (int index : m.indexes) {
                    excluded[index] = true;
                }
            }
        }
        return excluded;
    }

    /** Per paper, whether a followed author wrote it; null when none did. */
    private static boolean[] followed(Corpus corpus, List<String> authors) {
        boolean[] followed = null;
        for (String author : authors) {
            int[] papers = corpus.papersBy(author);
            if (papers.length > 0) {
                followed = followed == null ? new boolean[corpus.papers.size()] : followed;
                for (int index : papers) {
                    followed[index] = true;
                }
            }
        }
        return followed;
    }

    private static boolean isExcluded(boolean[] excluded, int index) {
        return excluded != null && excluded[index];
    }

    /** Whether a paper may be among the ranked rest: not a followed one (already in), not left out, enough upvotes, not sent. */
    private static boolean eligible(Paper paper, int index, Preferences preferences, Set<String> alreadySent,
                                    boolean[] excluded, boolean[] followed) {
        return paper.upvotes() >= preferences.minUpvotes() && (followed == null || !followed[index])
                && !isExcluded(excluded, index) && !alreadySent.contains(paper.id());
    }

    /** With keywords: the matching papers by relevance blended with upvotes. */
    private static void relevant(Corpus corpus, Preferences preferences, Set<String> alreadySent, boolean[] excluded,
                                 boolean[] followed, int room, double[] relevance, List<Paper> chosen) {
        int size = corpus.papers.size();
        Scored[] scored = new Scored[size];
        int n = 0;
        double maxRelevance = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            Paper paper = corpus.papers.get(i);
            if (relevance[i] > 0 && eligible(paper, i, preferences, alreadySent, excluded, followed)) {
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
        for (int k = 0, count = Math.min(n, room); k < count; k++) {
            chosen.add(scored[k].paper);
        }
    }

    /** Without keywords: the corpus's trending order, minus what is filtered out. */
    private static void trending(Corpus corpus, Preferences preferences, Set<String> alreadySent, boolean[] excluded,
                                 boolean[] followed, int room, List<Paper> chosen) {
        int wanted = chosen.size() + room;
        for (int i = 0; i < corpus.trending.length && chosen.size() < wanted; i++) {
            int index = corpus.trending[i];
            Paper paper = corpus.papers.get(index);
            if (eligible(paper, index, preferences, alreadySent, excluded, followed)) {
                chosen.add(paper);
            }
        }
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
}
