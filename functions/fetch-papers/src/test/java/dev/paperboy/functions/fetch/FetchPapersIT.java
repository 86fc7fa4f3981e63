package dev.paperboy.functions.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.fetch.DayReport;
import dev.paperboy.fetch.FetchPapers;
import dev.paperboy.fetch.FetchRequest;
import dev.paperboy.fetch.FetchSummary;
import dev.paperboy.local.HfStub;
import dev.paperboy.local.HfStub.Reply;
import dev.paperboy.local.TestStack;
import dev.paperboy.metrics.RecordingMetrics;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.source.ArchivedPages;
import dev.paperboy.source.DailyPapers;
import dev.paperboy.source.DailyPapersClient;
import dev.paperboy.source.RetryPolicy;
import dev.paperboy.source.S3RawArchive;
import dev.paperboy.source.SourceSettings;
import dev.paperboy.source.UrlConnectionGet;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The fetch use case against the local AWS (moto) and a local stand-in for the Hugging Face API.
 * Each test gets its own tables and bucket.
 */
class FetchPapersIT {
    private static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);
    private static final LocalDate THURSDAY = LocalDate.of(2025, 8, 28);
    private static final LocalDate SATURDAY = LocalDate.of(2025, 8, 30);
    private static final RetryPolicy FAST_RETRIES =
            new RetryPolicy(3, Duration.ofMillis(40), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10));

    private HfStub hf;
    private TestStack stack;
    private AwsClients aws;
    private PaperRepository papers;
    private RecordingMetrics metrics;

    @BeforeEach
    void setUp() {
        hf = HfStub.start();
        stack = TestStack.provision();
        aws = stack.aws().clients();
        papers = new PaperRepository(aws.dynamoDb(), stack.name("PapersTable"), Clock.systemUTC());
        metrics = new RecordingMetrics();
    }

    @AfterEach
    void tearDown() {
        hf.close();
    }

    private FetchPapers fetcher(int pageSize) {
        return fetcher(pageSize, stack.name("ArchiveBucket"), papers, Clock.systemUTC());
    }

    /** The source asks the stand-in and archives into {@code bucket}; the replay reads it, as the function wires them. */
    private FetchPapers fetcher(int pageSize, String bucket, PaperRepository into, Clock clock) {
        SourceSettings settings = new SourceSettings(hf.url(), pageSize, 10, FAST_RETRIES);
        DailyPapersClient client = new DailyPapersClient(new UrlConnectionGet(Duration.ofMillis(700), "paperboy-test"),
                new S3RawArchive(aws.s3(), bucket), settings, d -> Thread.sleep(d.toMillis()), Clock.systemUTC(), new Random(1), metrics);
        return new FetchPapers(new DailyPapers(client, settings), new DailyPapers(new ArchivedPages(aws.s3(), bucket), settings),
                into, new ListingCalendar(clock), metrics);
    }

    private FetchSummary fetch(LocalDate... dates) {
        return fetcher(100).run(new FetchRequest(List.of(dates)));
    }

    @Test
    void storesADayAndReadsItBackInRankOrder() {
        hf.day(FRIDAY, HfEntries.day().add("2508.90003", "Third", 5).add("2508.90001", "First", 50).add("2508.90002", "Second", 20).json());

        FetchSummary summary = fetch(FRIDAY);

        assertEquals(3, summary.written());
        assertEquals(Map.of("PapersFetched", 3L, "PapersWritten", 3L, "PapersSkipped", 0L), metrics.counts());
        assertEquals(List.of("Third", "First", "Second"), papers.papersOf(FRIDAY).stream().map(Paper::title).toList(),
                "rank is the API's order");
        Paper first = papers.paper("2508.90001").orElseThrow();
        assertEquals(50, first.upvotes());
        assertEquals(FRIDAY, first.firstListed());
        assertEquals(Optional.of("Summary of First."), first.aiSummary());
        assertEquals(List.of("Test Author"), first.authors());
    }

    @Test
    void paginatesWithLimitAndPUntilAnEmptyPage() {
        hf.day(FRIDAY, HfEntries.day().papers(1, 25).json());

        FetchSummary summary = fetcher(10).run(new FetchRequest(List.of(FRIDAY)));

        assertEquals(4, summary.pages());
        assertEquals(25, summary.seen());
        assertEquals(25, papers.papersOf(FRIDAY).size());
        assertEquals(List.of(
                "/api/daily_papers?date=2025-08-29&limit=10&p=0", "/api/daily_papers?date=2025-08-29&limit=10&p=1",
                "/api/daily_papers?date=2025-08-29&limit=10&p=2", "/api/daily_papers?date=2025-08-29&limit=10&p=3"), hf.requests());
    }

    @Test
    void refetchingAnUnchangedDayWritesNothing() {
        hf.day(FRIDAY, HfEntries.day().papers(1, 30).json());
        fetch(FRIDAY);
        List<Map<String, AttributeValue>> before = tableItems();

        FetchSummary again = fetch(FRIDAY);

        assertEquals(0, again.written());
        assertEquals(30, again.unchanged());
        assertEquals(60, metrics.get("PapersFetched"), "both fetches");
        assertEquals(30, metrics.get("PapersWritten"), "the first fetch only");
        assertEquals(before, tableItems(), "not one item was rewritten, not even its updatedAt");
    }

    @Test
    void aChangedUpvoteCountIsWrittenAndNothingElse() {
        hf.day(FRIDAY, HfEntries.day().add("2508.90001", "First", 50).add("2508.90002", "Second", 20).json());
        fetch(FRIDAY);
        hf.day(FRIDAY, HfEntries.day().add("2508.90001", "First", 51).add("2508.90002", "Second", 20).json());

        FetchSummary again = fetch(FRIDAY);

        assertEquals(1, again.written());
        assertEquals(1, again.unchanged());
        assertEquals(51, papers.paper("2508.90001").orElseThrow().upvotes());
    }

    @Test
    void aPaperListedAgainLaterKeepsItsFirstListedDayAndIsStoredOnce() {
        hf.day(THURSDAY, HfEntries.day().add("2508.90001", "First", 10).json());
        hf.day(FRIDAY, HfEntries.day().add("2508.90001", "First", 30).add("2508.90002", "Second", 20).json());

        fetch(THURSDAY, FRIDAY);

        Paper paper = papers.paper("2508.90001").orElseThrow();
        assertEquals(THURSDAY, paper.firstListed());
        assertEquals(30, paper.upvotes());
        assertEquals(1, tableItems().stream().filter(i -> i.get("pk").s().equals("PAPER#2508.90001")).count());
        assertEquals(List.of("2508.90001", "2508.90002"), papers.papersOf(FRIDAY).stream().map(Paper::id).toList());
    }

    @Test
    void aPaperThatLeftTheListLeavesTheDayButStaysStored() {
        hf.day(FRIDAY, HfEntries.day().add("2508.90001", "First", 50).add("2508.90002", "Withdrawn", 20).json());
        fetch(FRIDAY);
        hf.day(FRIDAY, HfEntries.day().add("2508.90001", "First", 50).json());

        FetchSummary again = fetch(FRIDAY);

        assertEquals(1, again.removed());
        assertEquals(List.of("2508.90001"), papers.papersOf(FRIDAY).stream().map(Paper::id).toList());
        assertTrue(papers.paper("2508.90002").isPresent());
    }

    @Test
    void anEmptyAnswerForADayThatHadPapersWipesNothing() {
        hf.day(FRIDAY, HfEntries.day().papers(1, 3).json());
        fetch(FRIDAY);
        hf.day(FRIDAY, "[]");

        FetchSummary again = fetch(FRIDAY);

        assertEquals(0, again.removed());
        assertEquals(3, papers.papersOf(FRIDAY).size(), "a glitch of the source does not empty a stored day");
    }

    @Test
    void waitsOutA429WithRetryAfterThenCompletes() {
        hf.day(FRIDAY, HfEntries.day().papers(1, 3).json()).script(FRIDAY, 0, Reply.tooManyRequests("1"));
        long start = System.nanoTime();

        FetchSummary summary = fetch(FRIDAY);

        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(1)) >= 0, "waited as told");
        assertEquals(3, summary.written());
        assertEquals(1, metrics.get("SourceThrottled"));
        assertEquals(0, summary.failed());
    }

    @Test
    void retriesA500ThenSucceeds() {
        hf.day(FRIDAY, HfEntries.day().papers(1, 3).json()).script(FRIDAY, 0, Reply.status(500, "{\"error\":\"oops\"}"));

        FetchSummary summary = fetch(FRIDAY);

        assertEquals(3, summary.written());
        assertEquals(3, summary.days().get(0).archivedKeys().size(), "the 500, the page and the empty page were archived");
    }

    @Test
    void retriesATimeout() {
        hf.day(FRIDAY, HfEntries.day().papers(1, 2).json()).script(FRIDAY, 0, Reply.slow(Duration.ofMillis(1500)));

        FetchSummary summary = fetch(FRIDAY);

        assertEquals(2, summary.written());
    }

    @Test
    void aPersistentFailureFailsTheDayWithDateAndStatusAfterArchivingWhatArrived() {
        hf.day(FRIDAY, HfEntries.day().papers(1, 3).json())
                .script(FRIDAY, 1, Reply.status(503, "busy"), Reply.status(503, "busy"), Reply.status(503, "busy"));

        FetchSummary summary = fetch(FRIDAY);

        DayReport day = summary.days().get(0);
        assertEquals(1, summary.failed());
        assertEquals(1, metrics.get("FetchDaysFailed"));
        assertEquals(0, metrics.get("EmptyWeekdayListing"), "a failed day is the errors alarm's, not an empty list");
        assertEquals("2025-08-29: page 1 failed after 3 attempt(s): HTTP 503", day.error());
        assertEquals(4, day.archivedKeys().size(), "page 0 and the three 503 answers");
        assertEquals(4, archivedObjects("raw/huggingface/daily_papers/2025-08-29/").size());
        assertEquals(List.of(), papers.papersOf(FRIDAY), "a half-fetched day is not stored as the day's list");
    }

    @Test
    void aMalformedEntryIsSkippedAndCountedAndTheRestIsStored() {
        hf.day(FRIDAY, HfEntries.day().add("2508.90001", "Good", 5)
                .raw("{\"paper\":{\"title\":\"no id\"},\"title\":\"no id\"}")
                .add("2508.90003", "Also Good", 3).json());

        FetchSummary summary = fetch(FRIDAY);

        assertEquals(1, summary.skipped());
        assertEquals(1, metrics.get("PapersSkipped"));
        assertEquals(List.of("page 0 entry 1: no id"), summary.days().get(0).problems());
        assertEquals(List.of("2508.90001", "2508.90003"), papers.papersOf(FRIDAY).stream().map(Paper::id).toList());
    }

    @Test
    void aBodyThatIsNotJsonFailsThatDateAndTheOtherDatesAreStored() {
        hf.day(THURSDAY, HfEntries.day().papers(1, 2).json())
                .script(FRIDAY, 0, new Reply(200, Map.of("Content-Type", "text/html"), "<html>maintenance</html>", Duration.ZERO));

        FetchSummary summary = fetch(THURSDAY, FRIDAY);

        assertEquals(1, summary.failed());
        assertTrue(summary.days().get(1).error().startsWith("2025-08-29: body is not JSON"), summary.days().get(1).error());
        assertEquals(2, papers.papersOf(THURSDAY).size());
        assertEquals("<html>maintenance</html>", new String(aws.s3().getObjectAsBytes(r -> r.bucket(stack.name("ArchiveBucket"))
                .key(summary.days().get(1).archivedKeys().get(0))).asByteArray(), StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyWeekendDayIsANormalResult() {
        FetchSummary summary = fetch(SATURDAY);

        assertEquals(0, summary.failed());
        assertEquals(0, summary.seen());
        assertEquals(List.of(), papers.papersOf(SATURDAY));
        assertEquals(List.of(SATURDAY), papers.daysBetween(SATURDAY, SATURDAY.plusDays(1)), "an empty day is still a day that was fetched");
        assertEquals(0, metrics.get("EmptyWeekdayListing"), "weekends are empty");
    }

    @Test
    void anEmptyWeekdayListIsCountedForTheAlarm() {
        FetchSummary summary = fetch(FRIDAY);

        assertEquals(0, summary.failed());
        assertEquals(1, metrics.get("EmptyWeekdayListing"));
        assertEquals(0, metrics.get("PapersFetched"));
    }

    @Test
    void theLatestListMayStillBeEmptyWithoutAnAlarm() {
        // 22:00 on Thursday in New York: Friday's list is the latest, begun half an hour ago.
        Clock thursdayEvening = Clock.fixed(Instant.parse("2025-08-29T02:00:00Z"), ZoneOffset.UTC);
        FetchPapers fetcher = fetcher(100, stack.name("ArchiveBucket"), papers, thursdayEvening);

        fetcher.run(new FetchRequest(List.of(FRIDAY)));

        assertEquals(0, metrics.get("EmptyWeekdayListing"));
    }

    @Test
    void htmlAndUnicodeInTitlesAreStoredAsText() {
        hf.day(FRIDAY, HfEntries.day().add("2508.90001", "<img src=x onerror=alert(1)> Ünïcödé\n   Title 🚀", 5).json());

        fetch(FRIDAY);

        assertEquals("<img src=x onerror=alert(1)> Ünïcödé Title 🚀", papers.paper("2508.90001").orElseThrow().title());
    }

    @Test
    void everyRawResponseIsArchivedUnderSourceDateAndPage() {
        String body = HfEntries.day().papers(1, 2).json();
        hf.day(FRIDAY, body);

        FetchSummary summary = fetch(FRIDAY);

        List<String> keys = summary.days().get(0).archivedKeys();
        assertEquals(2, keys.size());
        assertTrue(keys.get(0).startsWith("raw/huggingface/daily_papers/2025-08-29/page-0/"), keys.get(0));
        assertTrue(keys.get(1).startsWith("raw/huggingface/daily_papers/2025-08-29/page-1/"), keys.get(1));
        String stored = new String(aws.s3().getObjectAsBytes(r -> r.bucket(stack.name("ArchiveBucket")).key(keys.get(0))).asByteArray(),
                StandardCharsets.UTF_8);
        assertEquals(body, stored);
    }

    @Test
    void theDaysOfAWeekAndTheLatestDayWithPapersAreOneQueryEach() {
        hf.day(THURSDAY, HfEntries.day().papers(1, 1).json()).day(FRIDAY, HfEntries.day().papers(2, 1).json());

        fetch(THURSDAY, FRIDAY, SATURDAY);

        LocalDate monday = LocalDate.of(2025, 8, 25);
        assertEquals(List.of(THURSDAY, FRIDAY, SATURDAY), papers.daysBetween(monday, monday.plusDays(6)));
        assertEquals(List.of(), papers.daysBetween(monday.plusDays(7), monday.plusDays(13)));
        assertEquals(Optional.of(FRIDAY), papers.latestDayWithPapers(SATURDAY.plusDays(3)), "Saturday is empty");
        assertEquals(Optional.of(THURSDAY), papers.latestDayWithPapers(THURSDAY));
    }

    @Test
    void aDayReplaysFromTheArchiveIntoAnEmptyTableWithoutAskingTheApi() {
        hf.day(FRIDAY, HfEntries.day().papers(1, 25).json()).script(FRIDAY, 1, Reply.status(500, "{\"error\":\"oops\"}"));
        fetcher(10).run(new FetchRequest(List.of(FRIDAY)));
        int asked = hf.requests().size();
        // The table is lost; the archive (this stack's bucket) is what is left.
        TestStack restored = TestStack.provision();
        PaperRepository restoredPapers = new PaperRepository(aws.dynamoDb(), restored.name("PapersTable"), Clock.systemUTC());

        FetchSummary replayed = fetcher(10, stack.name("ArchiveBucket"), restoredPapers, Clock.systemUTC())
                .run(new FetchRequest(List.of(FRIDAY), true));

        assertEquals(0, replayed.failed(), replayed.toString());
        assertEquals(25, replayed.seen());
        assertEquals(25, replayed.written());
        assertEquals(asked, hf.requests().size(), "the API was not asked");
        assertEquals(papers.papersOf(FRIDAY), restoredPapers.papersOf(FRIDAY), "the same papers in the same order");
        assertEquals(List.of(), replayed.days().get(0).archivedKeys(), "a replay archives nothing again");
        assertEquals(1, metrics.get("DaysReplayed"));
        assertEquals(25, metrics.get("PapersFetched"), "the live fetch only: a replay is not news from the source");
    }

    @Test
    void aReplayReadsTheLatestSuccessfulAnswerOfEachPage() {
        String bucket = stack.name("ArchiveBucket");
        String page0 = "raw/huggingface/daily_papers/2025-08-29/page-0/";
        put(bucket, page0 + "20250829T020000.000Z-1.json", HfEntries.day().add("2508.90001", "Early", 1).json());
        put(bucket, page0 + "20250830T020000.000Z-1.http-503", "busy");
        put(bucket, page0 + "20250830T020001.000Z-2.json", HfEntries.day().add("2508.90001", "Early", 9).add("2508.90002", "Late", 4).json());
        put(bucket, "raw/huggingface/daily_papers/2025-08-29/page-1/20250830T020002.000Z-1.json", "[]");

        FetchSummary replayed = fetcher(100).run(new FetchRequest(List.of(FRIDAY), true));

        assertEquals(0, replayed.failed(), replayed.toString());
        assertEquals(List.of("2508.90001", "2508.90002"), papers.papersOf(FRIDAY).stream().map(Paper::id).toList());
        assertEquals(9, papers.paper("2508.90001").orElseThrow().upvotes());
        assertEquals(List.of(), hf.requests());
    }

    @Test
    void aDayTheArchiveDoesNotHaveFailsNamingWhatIsMissing() {
        FetchSummary replayed = fetcher(100).run(new FetchRequest(List.of(FRIDAY), true));

        assertEquals(1, replayed.failed());
        assertEquals("2025-08-29: no archived answer for page 0 under raw/huggingface/daily_papers/2025-08-29/page-0/",
                replayed.days().get(0).error());
        assertEquals(List.of(), hf.requests(), "a replay never falls back to the API");
    }

    private void put(String bucket, String key, String body) {
        aws.s3().putObject(r -> r.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromString(body));
    }

    private List<Map<String, AttributeValue>> tableItems() {
        return aws.dynamoDb().scan(r -> r.tableName(stack.name("PapersTable"))).items().stream()
                .sorted(Comparator.comparing((Map<String, AttributeValue> i) -> i.get("pk").s()).thenComparing(i -> i.get("sk").s()))
                .toList();
    }

    private List<S3Object> archivedObjects(String prefix) {
        return aws.s3().listObjectsV2(r -> r.bucket(stack.name("ArchiveBucket")).prefix(prefix)).contents();
    }
}
