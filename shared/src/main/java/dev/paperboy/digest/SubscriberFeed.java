package dev.paperboy.digest;

import dev.paperboy.paper.Paper;
import dev.paperboy.render.Feed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A subscriber's private feed: the papers of their delivered digests (mailed or for the feed alone),
 * newest digest first and in each digest's own order, bounded so that one read stays small.
 */
public final class SubscriberFeed {
    /** About a month of daily digests, half a year of weekly ones. */
    public static final int MAX_DIGESTS = 30;
    public static final int MAX_ENTRIES = 200;

    private final DigestHistory history;
    private final Function<List<String>, Map<String, Paper>> papersById;

    /** {@code papersById}: the papers of the given ids, in batches (PaperRepository::papers); those not found are absent. */
    public SubscriberFeed(DigestHistory history, Function<List<String>, Map<String, Paper>> papersById) {
        this.history = history;
        this.papersById = papersById;
    }

    /** The delivered digests the feed shows, newest first: one read of the subscriber's records. */
    public List<DigestHistory.Delivered> digests(String subscriberId) {
        return history.delivered(subscriberId, MAX_DIGESTS);
    }

    /**
     * What the feed of these digests is at: it changes when a digest is added or one ages out, so a
     * reader holding it has the feed as it stands (a paper gone from the table aside).
     */
    public static String version(List<DigestHistory.Delivered> digests) {
        return digests.isEmpty() ? "0" : digests.size() + "." + digests.get(0).period().id() + "." + digests.get(0).deliveredAt().getEpochSecond();
    }

    public List<Feed.Entry> entries(String subscriberId) {
        return entries(digests(subscriberId));
    }

    /** The entries of these digests, with their papers read in batches. */
    public List<Feed.Entry> entries(List<DigestHistory.Delivered> digests) {
        List<InDigest> wanted = new ArrayList<>();
        for (DigestHistory.Delivered digest : digests) {
            for (String id : digest.paperIds()) {
                if (wanted.size() == MAX_ENTRIES) {
                    break;
                }
                wanted.add(new InDigest(id, digest));
            }
        }
        Map<String, Paper> papers = wanted.isEmpty() ? Map.of() : papersById.apply(wanted.stream().map(InDigest::paperId).distinct().toList());
        // A paper the table no longer has is left out rather than shown empty.
        return wanted.stream().filter(w -> papers.containsKey(w.paperId()))
                .map(w -> new Feed.Entry(papers.get(w.paperId()), w.digest().period(), w.digest().deliveredAt()))
                .toList();
    }

    private record InDigest(String paperId, DigestHistory.Delivered digest) {
    }
}
