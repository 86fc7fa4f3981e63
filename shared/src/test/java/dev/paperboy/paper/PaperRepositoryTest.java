package dev.paperboy.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * What the repository reads and writes, against the papers table as sorted maps (our own port,
 * {@link PapersTable}): the requests a save makes for new, unchanged and changed lists, the
 * listings read back in rank order, the days of a week, and batches retried when left unprocessed.
 * The same against DynamoDB's wire (moto) is covered by the fetch function's integration tests.
 */
class PaperRepositoryTest {
    private static final LocalDate THURSDAY = LocalDate.of(2025, 8, 28);
    private static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);
    private static final Instant NOW = Instant.parse("2025-08-30T02:00:00Z");

    private final InMemoryPapersTable table = new InMemoryPapersTable();
    private final List<Long> pauses = new ArrayList<>();
    private final PaperRepository papers = new PaperRepository(table, Clock.fixed(NOW, ZoneOffset.UTC), pauses::add);

    @Test
    void aNewDayWritesEachPaperThenTheEntriesThenTheDayLast() {
        SaveResult saved = papers.saveDay(FRIDAY, List.of(paper("2508.00003", 5), paper("2508.00001", 50), paper("2508.00002", 20)), true);

        assertEquals(new SaveResult(3, 0, 0, 3), saved);
        assertEquals(List.of("get", "query", "update", "update", "update", "batchWrite", "batchWrite"), table.requests,
                "the day item, the entries, three papers, the entries in one batch, the day item in its own");
        assertEquals(List.of("2508.00003", "2508.00001", "2508.00002"), ids(papers.papersOf(FRIDAY)), "rank is the list's order");
        Map<String, AttributeValue> entry = table.item(PaperItems.entryKey(FRIDAY, "2508.00001")).orElseThrow();
        assertEquals("2", entry.get("rank").n());
        assertEquals(paper("2508.00001", 50).fingerprint(), entry.get("fingerprint").s());
        Map<String, AttributeValue> day = table.item(PaperItems.dayItemKey(FRIDAY)).orElseThrow();
        assertEquals("3", day.get("count").n());
        assertTrue(day.containsKey("listHash"), "a complete list is vouched for");
        assertEquals(NOW.toString(), day.get("updatedAt").s());
    }

    @Test
    void anUnchangedDayIsOneReadAndNoWrite() {
        List<Paper> day = day(40);
        papers.saveDay(FRIDAY, day, true);
        List<Map<String, AttributeValue>> before = table.items();
        table.requests.clear();

        SaveResult again = papers.saveDay(FRIDAY, day, true);

        assertEquals(new SaveResult(0, 40, 0, 0), again);
        assertEquals(List.of("get"), table.requests);
        assertEquals(before, table.items());
    }

    @Test
    void aChangedPaperRewritesThatPaperAndItsEntryAndNothingElse() {
        papers.saveDay(FRIDAY, List.of(paper("2508.00001", 50), paper("2508.00002", 20)), true);
        table.requests.clear();

        SaveResult saved = papers.saveDay(FRIDAY, List.of(paper("2508.00001", 51), paper("2508.00002", 20)), true);

        assertEquals(new SaveResult(1, 1, 0, 1), saved);
        assertEquals(List.of("get", "query", "update", "update", "batchWrite", "batchWrite"), table.requests,
                "the hash removed before anything changes, the paper, its entry, the day with its new hash");
        assertEquals(51, papers.paper("2508.00001").orElseThrow().upvotes());
        assertTrue(table.item(PaperItems.dayItemKey(FRIDAY)).orElseThrow().containsKey("listHash"));
    }

    @Test
    void aPaperThatOnlyMovedInRankRewritesItsEntryButNotThePaper() {
        Paper a = paper("2508.00001", 50);
        Paper b = paper("2508.00002", 20);
        Paper c = paper("2508.00003", 10);
        papers.saveDay(FRIDAY, List.of(a, b, c), true);

        SaveResult saved = papers.saveDay(FRIDAY, List.of(b, a, c), true);

        assertEquals(new SaveResult(2, 1, 0, 0), saved, "two entries rewritten, no paper item");
        assertEquals(List.of("2508.00002", "2508.00001", "2508.00003"), ids(papers.papersOf(FRIDAY)));
    }

    @Test
    void aPaperListedAgainOnALaterDayKeepsItsFirstListedDay() {
        papers.saveDay(THURSDAY, List.of(paper("2508.00001", 10, THURSDAY)), true);

        papers.saveDay(FRIDAY, List.of(paper("2508.00001", 30, FRIDAY)), true);

        Paper stored = papers.paper("2508.00001").orElseThrow();
        assertEquals(THURSDAY, stored.firstListed());
        assertEquals(30, stored.upvotes());
    }

    @Test
    void anOptionalFieldTheSourceNoLongerSaysIsRemoved() {
        Paper withRepo = new Paper("2508.00001", "T", "A.", List.of(), Optional.empty(), Optional.empty(), 1, 0, Optional.empty(),
                List.of(), Optional.of("https://github.com/a/b"), Optional.of(3), Optional.empty(), Optional.empty(), FRIDAY);
        papers.saveDay(FRIDAY, List.of(withRepo), true);

        papers.saveDay(FRIDAY, List.of(paper("2508.00001", 1)), true);

        Map<String, AttributeValue> item = table.item(PaperItems.paperKey("2508.00001")).orElseThrow();
        assertFalse(item.containsKey("githubRepo"));
        assertFalse(item.containsKey("githubStars"));
    }

    @Test
    void aPaperThatLeftACompleteListLeavesTheDayButStaysStored() {
        papers.saveDay(FRIDAY, List.of(paper("2508.00001", 50), paper("2508.00002", 20)), true);

        SaveResult saved = papers.saveDay(FRIDAY, List.of(paper("2508.00001", 50)), true);

        assertEquals(new SaveResult(0, 1, 1, 0), saved);
        assertEquals(List.of("2508.00001"), ids(papers.papersOf(FRIDAY)));
        assertEquals(1, table.partition(PaperItems.entriesPartition(FRIDAY)).size());
        assertTrue(papers.paper("2508.00002").isPresent());
    }

    @Test
    void aPartialListKeepsTheStoredPapersItDidNotNameAfterItsOwnAndSetsNoHash() {
        papers.saveDay(FRIDAY, List.of(paper("2508.00001", 50), paper("2508.00002", 20), paper("2508.00003", 10)), true);

        SaveResult saved = papers.saveDay(FRIDAY, List.of(paper("2508.00003", 60), paper("2508.00004", 40)), false);

        assertEquals(new SaveResult(2, 0, 0, 2), saved);
        assertEquals(List.of("2508.00003", "2508.00004", "2508.00001", "2508.00002"), ids(papers.papersOf(FRIDAY)));
        assertFalse(table.item(PaperItems.dayItemKey(FRIDAY)).orElseThrow().containsKey("listHash"));
    }

    @Test
    void anEmptyAnswerForADayThatHadPapersWipesNothing() {
        papers.saveDay(FRIDAY, day(3), true);

        SaveResult saved = papers.saveDay(FRIDAY, List.of(), true);

        assertEquals(new SaveResult(0, 0, 0, 0), saved);
        assertEquals(3, papers.papersOf(FRIDAY).size(), "a glitch of the source does not empty a stored day");
    }

    @Test
    void aListThatNamesAPaperTwiceKeepsItsFirstRank() {
        SaveResult saved = papers.saveDay(FRIDAY, List.of(paper("2508.00001", 5), paper("2508.00002", 4), paper("2508.00001", 5)), true);

        assertEquals(new SaveResult(2, 0, 0, 2), saved);
        assertEquals(List.of("2508.00001", "2508.00002"), ids(papers.papersOf(FRIDAY)));
    }

    @Test
    void entriesOfTheDayAreWrittenInBatchesOf25() {
        papers.saveDay(FRIDAY, day(60), true);

        assertEquals(4, table.requests.stream().filter("batchWrite"::equals).count(), "25 + 25 + 10 entries, then the day");
        assertEquals(ids(day(60)), ids(papers.papersOf(FRIDAY)));
    }

    @Test
    void aFirstSaveCutShortBeforeItsDayItemListsNothing() {
        papers.saveDay(FRIDAY, day(2), true);
        table.batchWritesLeftUnprocessed = Integer.MAX_VALUE;
        assertThrows(ProvisionedThroughputExceededException.class, () -> papers.saveDay(THURSDAY, day(2), true));

        assertEquals(List.of(), papers.papersOf(THURSDAY), "its first save never reached the day item");
        assertEquals(2, papers.papersOf(FRIDAY).size());
    }

    @Test
    void theDaysOfAWeekAreReadInDateOrderWithTheirCounts() {
        LocalDate monday = LocalDate.of(2025, 8, 25);
        papers.saveDay(monday, day(3), true);
        papers.saveDay(THURSDAY, List.of(), true);
        papers.saveDay(FRIDAY, day(2), true);
        papers.saveDay(monday.plusDays(7), day(1), true);

        assertEquals(List.of(monday, THURSDAY, FRIDAY), papers.daysBetween(monday, monday.plusDays(6)), "an empty day is still a day fetched");
        assertEquals(5, papers.papersListedBetween(monday, monday.plusDays(6)));
        assertEquals(Optional.of(FRIDAY), papers.latestDayWithPapers(monday.plusDays(6)));
        assertEquals(Optional.of(monday), papers.latestDayWithPapers(THURSDAY), "Thursday lists nothing");
        assertEquals(Optional.empty(), papers.latestDayWithPapers(monday.minusDays(1)));
    }

    @Test
    void batchWritesLeftUnprocessedAreRetriedWithGrowingPauses() {
        table.batchWritesLeftUnprocessed = 2;

        SaveResult saved = papers.saveDay(FRIDAY, day(3), true);

        assertEquals(new SaveResult(3, 0, 0, 3), saved);
        assertEquals(List.of(50L, 100L), pauses);
        assertEquals(3, papers.papersOf(FRIDAY).size());
    }

    @Test
    void batchWritesNeverProcessedFailLoudlyAfterEightRetries() {
        table.batchWritesLeftUnprocessed = Integer.MAX_VALUE;

        ProvisionedThroughputExceededException e = assertThrows(ProvisionedThroughputExceededException.class,
                () -> papers.saveDay(FRIDAY, day(3), true));

        assertTrue(e.getMessage().startsWith("DynamoDB left batch items unprocessed after 8 tries"), e.getMessage());
        assertEquals(List.of(50L, 100L, 200L, 400L, 800L, 1600L, 2000L, 2000L), pauses);
        assertEquals(9, table.requests.stream().filter("batchWrite"::equals).count(), "the first try and eight more");
        assertEquals(List.of(), papers.papersOf(FRIDAY), "the day item is written last: no listing half stored");
    }

    @Test
    void batchReadsLeftUnprocessedAreRetriedUntilEveryPaperIsRead() {
        papers.saveDay(FRIDAY, day(150), true);
        table.batchReadsPartlyUnprocessed = 2;
        table.requests.clear();

        List<Paper> read = papers.papersOf(FRIDAY);

        assertEquals(ids(day(150)), ids(read));
        assertEquals(List.of("get", "batchGet", "batchGet", "batchGet", "batchGet"), table.requests,
                "the first 100 keys in three tries (one read, then one, then the rest), the last 50 in one");
    }

    @Test
    void aPaperWrittenToAnItemReadsBackTheSame() {
        Paper every = new Paper("2508.00001", "Title", "Abstract.", List.of("A", "B"), Optional.of(Instant.parse("2025-08-27T10:00:00Z")),
                Optional.of(Instant.parse("2025-08-29T00:57:09.392Z")), 7, 2, Optional.of("Summary."), List.of("k1", "k2"),
                Optional.of("https://github.com/a/b"), Optional.of(12), Optional.of("https://project.example"),
                Optional.of("https://cdn.example/t.png"), FRIDAY);

        assertEquals(every, PaperRepository.throughItem(every));
        assertEquals(paper("2508.00002", 3), PaperRepository.throughItem(paper("2508.00002", 3)));
    }

    private static Paper paper(String id, int upvotes) {
        return paper(id, upvotes, FRIDAY);
    }

    private static Paper paper(String id, int upvotes, LocalDate firstListed) {
        return new Paper(id, "Paper " + id, "An abstract of " + id + ".", List.of("A. Author"), Optional.empty(), Optional.empty(), upvotes, 0,
                Optional.empty(), List.of("testing"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), firstListed);
    }

    private static List<Paper> day(int count) {
        return IntStream.range(0, count).mapToObj(i -> paper("2508.%05d".formatted(i), 100 - i)).toList();
    }

    private static List<String> ids(List<Paper> list) {
        return list.stream().map(Paper::id).toList();
    }
}
