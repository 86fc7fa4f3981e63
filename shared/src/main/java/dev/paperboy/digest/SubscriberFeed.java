package dev.paperboy.digest;

import dev.paperboy.paper.Paper;
import dev.paperboy.render.Feed;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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

    public List<Feed.Entry> entries(String subscriberId) {
        List<DigestHistory.Delivered> digests = history.delivered(subscriberId, MAX_DIGESTS);
        List<String> ids = new ArrayList<>();
        for (DigestHistory.Delivered digest : digests) {
            for (String id : digest.paperIds()) {
                if (ids.size() < MAX_ENTRIES) {
                    ids.add(id);
                }
            }
        }
        Map<String, Paper> papers = ids.isEmpty() ? Map.of() : papersById.apply(List.copyOf(new LinkedHashSet<>(ids)));
        List<Feed.Entry> entries = new ArrayList<>();
        for (DigestHistory.Delivered digest : digests) {
            for (String id : digest.paperIds()) {
                Paper paper = papers.get(id);
                // A paper the table no longer has is left out rather than shown empty.
                if (paper != null && entries.size() < MAX_ENTRIES) {
                    entries.add(new Feed.Entry(paper, digest.period(), digest.deliveredAt()));
                }
            }
        }
        return entries;
    }
}
