package dev.paperboy.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperboy.paper.Paper;
import dev.paperboy.paper.Papers;
import dev.paperboy.render.Feed;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a subscriber's feed holds, on a history and papers in memory. */
class SubscriberFeedTest {
    private final List<DigestHistory.Delivered> history = new ArrayList<>();
    private final Map<String, Paper> papers = new HashMap<>();
    private final List<List<String>> batchReads = new ArrayList<>();
    private final SubscriberFeed feed = new SubscriberFeed((id, max) -> history.stream().limit(max).toList(), ids -> {
        batchReads.add(ids);
        Map<String, Paper> found = new HashMap<>();
        ids.stream().filter(papers::containsKey).forEach(i -> found.put(i, papers.get(i)));
        return found;
    });

    private static Period day(int dayOfMonth) {
        return new Period(Preferences.Frequency.DAILY, LocalDate.of(2025, 8, dayOfMonth));
    }

    private void delivered(int dayOfMonth, String... ids) {
        for (String id : ids) {
            papers.putIfAbsent(id, Papers.paper(id, "Paper " + id, "About " + id + ".", 1, List.of()));
        }
        history.add(new DigestHistory.Delivered(day(dayOfMonth), Instant.parse("2025-08-%02dT11:00:00Z".formatted(dayOfMonth + 1)), List.of(ids)));
    }

    @Test
    void entriesComeNewestDigestFirstEachInItsOwnOrderWithOneBatchRead() {
        delivered(29, "2508.00050", "2508.00030");
        delivered(28, "2508.00001");

        List<Feed.Entry> entries = feed.entries("id-reader");

        assertEquals(List.of("2508.00050", "2508.00030", "2508.00001"), entries.stream().map(e -> e.paper().id()).toList());
        assertEquals(List.of(day(29), day(29), day(28)), entries.stream().map(Feed.Entry::period).toList());
        assertEquals(Instant.parse("2025-08-30T11:00:00Z"), entries.get(0).deliveredAt());
        assertEquals(1, batchReads.size(), "the papers read in one batch read");
    }

    @Test
    void aPaperTheTableNoLongerHasIsLeftOut() {
        delivered(29, "2508.00050", "2508.00030");
        papers.remove("2508.00050");

        assertEquals(List.of("2508.00030"), feed.entries("id-reader").stream().map(e -> e.paper().id()).toList());
    }

    @Test
    void theFeedIsBoundedInDigestsAndInEntries() {
        // 40 digests of 10 papers: the newest 30 digests are read, and of those the first 200 papers shown.
        for (int d = 0; d < 40; d++) {
            int digest = d;
            history.add(new DigestHistory.Delivered(new Period(Preferences.Frequency.DAILY, LocalDate.of(2025, 8, 29).minusDays(d)),
                    Instant.parse("2025-08-30T11:00:00Z").minusSeconds(86_400L * d),
                    IntStream.range(0, 10).mapToObj(i -> "2508.%03d%02d".formatted(digest, i)).toList()));
            history.get(d).paperIds().forEach(id -> papers.put(id, Papers.paper(id, "T", "A.", 1, List.of())));
        }

        List<Feed.Entry> entries = feed.entries("id-reader");

        assertEquals(SubscriberFeed.MAX_ENTRIES, entries.size());
        assertEquals("2508.00000", entries.get(0).paper().id());
        assertEquals("2508.01909", entries.get(199).paper().id(), "the 20th digest's last paper");
        assertEquals(SubscriberFeed.MAX_ENTRIES, batchReads.get(0).size(), "no paper read that is not shown");
    }

    @Test
    void noDigestYetReadsNoPaper() {
        assertEquals(List.of(), feed.entries("id-reader"));
        assertEquals(List.of(), batchReads);
    }
}
