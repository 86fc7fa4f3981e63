package dev.paperboy.functions.fetch;

import static dev.paperboy.local.ReliabilityReport.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.fetch.FetchPapers;
import dev.paperboy.fetch.FetchRequest;
import dev.paperboy.fetch.FetchSummary;
import dev.paperboy.local.FaultProxy;
import dev.paperboy.local.FaultProxy.Fault;
import dev.paperboy.local.HfStub;
import dev.paperboy.local.ReliabilityReport;
import dev.paperboy.local.ReliabilityReport.Row;
import dev.paperboy.local.TestStack;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.source.DailyPapers;
import dev.paperboy.source.DailyPapersClient;
import dev.paperboy.source.RetryPolicy;
import dev.paperboy.source.S3RawArchive;
import dev.paperboy.source.SourceSettings;
import dev.paperboy.source.UrlConnectionGet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Scenario 4: DynamoDB throttles the fetch (ProvisionedThroughputExceededException in DynamoDB's
 * JSON 1.0 wire shape, and batch items handed back as UnprocessedItems, from the fault proxy between
 * the SDK and the local AWS). A moderate rate is
 * absorbed by the SDK's retries and the day ends complete; a persistent throttle fails the run
 * loudly, and a reader of the day sees the previous complete listing or none, never a partial one.
 *
 * <p>The SDK's own retry strategy (standard mode, as for DynamoDB in AWS) with short backoffs and
 * three attempts keeps this fast: its default throttle backoff would wait about 50 s per call.
 */
class DynamoDbThrottlingIT {
    private static final LocalDate MONDAY = LocalDate.of(2025, 8, 25);
    private static final LocalDate TUESDAY = LocalDate.of(2025, 8, 26);
    private static final LocalDate WEDNESDAY = LocalDate.of(2025, 8, 27);
    private static final LocalDate THURSDAY = LocalDate.of(2025, 8, 28);
    private static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);
    private static final RetryPolicy FAST_RETRIES =
            new RetryPolicy(3, Duration.ofMillis(40), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10));
    private static final int SDK_ATTEMPTS = 3;

    private static HfStub hf;
    private static TestStack stack;
    private static FaultProxy proxy;
    private static AwsClients direct;
    /** Reads as another process would: straight to the table, no faults. */
    private static PaperRepository reader;

    @BeforeAll
    static void start() {
        hf = HfStub.start();
        stack = TestStack.provision();
        direct = stack.aws().clients();
        proxy = FaultProxy.start(stack.aws().endpoint(), 4);
        reader = new PaperRepository(direct.dynamoDb(), stack.name("PapersTable"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        hf.close();
    }

    @Test
    void moderateThrottlingIsAbsorbedAndAPersistentOneFailsLoudlyLeavingNoPartialListing() {
        // 1. Moderate: a fifth of every DynamoDB call throttled, reads and writes alike, and half of
        //    the remaining batch writes handed back whole as UnprocessedItems (which the SDK does not retry).
        hf.day(MONDAY, HfEntries.day().papers(101, 60).json());
        proxy.inject(Fault.of("moderate", FaultProxy.dynamoDb(), 0.2, FaultProxy.dynamoDbThrottle()));
        proxy.inject(Fault.of("unprocessed", FaultProxy.dynamoDb("BatchWriteItem"), 0.5, FaultProxy.dynamoDbUnprocessedItems()));
        FetchSummary moderate = fetch(MONDAY);
        int moderateCalls = proxy.matched("moderate");
        int moderateThrottles = proxy.injected("moderate");
        int moderateUnprocessed = proxy.injected("unprocessed");
        List<String> mondayStored = ids(reader.papersOf(MONDAY));
        proxy.clear();

        // 2. Persistent, cutting a re-fetch of a stored day in the middle of its listing's writes.
        hf.day(FRIDAY, HfEntries.day().papers(1, 30).json());
        fetch(FRIDAY);
        List<String> fridayBefore = ids(reader.papersOf(FRIDAY));
        // The new list: ten papers left, twenty moved up, twenty new. The list hash's removal, twenty
        // paper updates and the first batch of entries get through; then the table throttles every write.
        hf.day(FRIDAY, HfEntries.day().papers(11, 40).json());
        AtomicInteger allowance = new AtomicInteger(22);
        proxy.inject(Fault.of("persistent", request -> isWrite(request) && allowance.getAndDecrement() <= 0, 1.0,
                FaultProxy.dynamoDbThrottle()));
        FetchSummary refetch = fetch(FRIDAY);
        List<String> fridayDuring = ids(reader.papersOf(FRIDAY));
        int fridayEntriesDuring = entries(FRIDAY);

        // 3. Persistent, on a day never stored: every paper and entry written, only its day item refused.
        hf.day(THURSDAY, HfEntries.day().papers(201, 20).json());
        allowance.set(21);
        FetchSummary firstFetch = fetch(THURSDAY);
        List<String> thursdayDuring = ids(reader.papersOf(THURSDAY));
        List<LocalDate> listedDuring = reader.daysBetween(MONDAY, FRIDAY);
        int thursdayEntriesDuring = entries(THURSDAY);
        int persistentThrottles = proxy.injected("persistent");
        proxy.clear();

        // 4. The throttling is over: the next run finishes both days.
        FetchSummary recovery = fetch(FRIDAY, THURSDAY);
        List<String> fridayAfter = ids(reader.papersOf(FRIDAY));
        List<String> thursdayAfter = ids(reader.papersOf(THURSDAY));

        // 5. One day's batch writes handed back unprocessed every time: the repository's own retries
        //    give up, that day fails by name, and the next day of the same run is stored.
        hf.day(TUESDAY, HfEntries.day().papers(301, 5).json()).day(WEDNESDAY, HfEntries.day().papers(401, 5).json());
        proxy.inject(Fault.of("always unprocessed", request -> FaultProxy.dynamoDb("BatchWriteItem").test(request)
                && request.bodyText().contains(TUESDAY.toString()), 1.0, FaultProxy.dynamoDbUnprocessedItems()));
        FetchSummary unprocessed = fetch(TUESDAY, WEDNESDAY);
        List<String> tuesdayDuring = ids(reader.papersOf(TUESDAY));
        List<String> wednesdayStored = ids(reader.papersOf(WEDNESDAY));
        int alwaysUnprocessed = proxy.injected("always unprocessed");
        proxy.clear();

        boolean moderateComplete = moderate.failed() == 0 && mondayStored.equals(expectedIds(101, 60));
        boolean previousKept = fridayDuring.equals(fridayBefore);
        boolean noneShown = thursdayDuring.isEmpty() && !listedDuring.contains(THURSDAY);
        ReliabilityReport.record(new Row("4-dynamodb-throttling-fetch",
                "DynamoDB throttles the fetch: moderately (one run), then persistently (a re-fetch of a stored day, a first fetch of a new day, a day whose batches never get through)",
                "ProvisionedThroughputExceededException (JSON 1.0) from the fault proxy: 20% of all DynamoDB calls and 50% of the other "
                        + "BatchWriteItems answered with every item unprocessed (seed 4); then every write after the first 21 of a run; "
                        + "then one day's batches always unprocessed; SDK standard retries, " + SDK_ATTEMPTS + " attempts",
                counts("moderate calls", moderateCalls, "moderate throttles", moderateThrottles, "moderate unprocessed batches", moderateUnprocessed,
                        "listed", moderate.seen(), "stored", mondayStored.size(),
                        "persistent throttles", persistentThrottles, "failed runs", refetch.failed() + firstFetch.failed(),
                        "entries half-written", fridayEntriesDuring, "readers saw partial", (previousKept ? 0 : 1) + (noneShown ? 0 : 1),
                        "recovered days", 2 - recovery.failed(),
                        "unprocessed-forever batches", alwaysUnprocessed, "days failed by it", unprocessed.failed(),
                        "other days stored in that run", wednesdayStored.isEmpty() ? 0 : 1),
                (moderateComplete ? "moderate: absorbed by SDK retries, day complete (" + mondayStored.size() + "/" + moderate.seen() + " stored); "
                        : "moderate: NOT absorbed (" + moderate.failureMessage() + "); ")
                        + "persistent: run failed loudly (" + refetch.failureMessage() + "); readers saw "
                        + (previousKept ? "the previous complete listing" : "a changed listing") + " and "
                        + (noneShown ? "no listing for the new day" : "a partial new day")
                        + "; the next run completed both; batches handed back unprocessed every time failed only their day ("
                        + unprocessed.failureMessage() + ")"));

        assertEquals(0, moderate.failed(), moderate.failureMessage());
        assertTrue(moderateThrottles > 5, "the moderate rate did throttle: " + moderateThrottles + " of " + moderateCalls);
        assertEquals(60, moderate.seen());
        assertEquals(expectedIds(101, 60), mondayStored, "every listed paper stored, in rank order");

        assertEquals(1, refetch.failed());
        assertTrue(refetch.failureMessage().startsWith("fetch failed for 1 of 1 day(s): 2025-08-29: storing failed: "),
                refetch.failureMessage());
        assertTrue(refetch.failureMessage().contains("provisioned throughput"), refetch.failureMessage());
        assertEquals(expectedIds(1, 30), fridayBefore);
        assertEquals(fridayBefore, fridayDuring, "readers keep the previous complete listing");
        assertTrue(fridayEntriesDuring != 30 && fridayEntriesDuring != 40,
                "the fault hit between the listing's writes (entries: " + fridayEntriesDuring + ")");

        assertEquals(1, firstFetch.failed(), firstFetch.failureMessage());
        assertEquals(20, thursdayEntriesDuring, "every entry of the new day was written, only its day item was refused");
        assertEquals(List.of(), thursdayDuring, "a day whose first fetch did not finish has no listing");
        assertEquals(List.of(MONDAY, FRIDAY), listedDuring);
        assertEquals(2 * SDK_ATTEMPTS, persistentThrottles, "each failed write was tried " + SDK_ATTEMPTS + " times, then the day gave up");

        assertEquals(0, recovery.failed(), recovery.failureMessage());
        assertEquals(expectedIds(11, 40), fridayAfter);
        assertEquals(expectedIds(201, 20), thursdayAfter);
        assertEquals(40, entries(FRIDAY), "the entries of papers that left were removed");

        assertTrue(moderateUnprocessed > 0, "some batches came back unprocessed");
        assertEquals(1, unprocessed.failed(), unprocessed.failureMessage());
        assertEquals("fetch failed for 1 of 2 day(s): 2025-08-26: storing failed: DynamoDB left batch items unprocessed after 8 tries",
                unprocessed.failureMessage().replaceAll(" \\(Service: .*$", ""));
        assertEquals(9, alwaysUnprocessed, "the first try and eight more");
        assertEquals(List.of(), tuesdayDuring);
        assertEquals(expectedIds(401, 5), wednesdayStored, "a failed day does not stop the run");
    }

    private static FetchSummary fetch(LocalDate... dates) {
        SourceSettings settings = new SourceSettings(hf.url(), 100, 10, FAST_RETRIES);
        DailyPapers days = new DailyPapers(new DailyPapersClient(new UrlConnectionGet(Duration.ofSeconds(2), "paperboy-test"),
                new S3RawArchive(direct.s3(), stack.name("ArchiveBucket")), settings, d -> Thread.sleep(d.toMillis()), Clock.systemUTC(),
                new Random(1), Metrics.none()), settings);
        try (DynamoDbClient throttled = throughProxy()) {
            PaperRepository papers = new PaperRepository(throttled, stack.name("PapersTable"), Clock.systemUTC());
            // No replay here: the source stands in for it.
            return new FetchPapers(days, days, papers, new ListingCalendar(Clock.systemUTC()), Metrics.none())
                    .run(new FetchRequest(List.of(dates)));
        }
    }

    /** The SDK's standard retries, as in AWS, but with millisecond backoffs. */
    private static DynamoDbClient throughProxy() {
        return DynamoDbClient.builder()
                .endpointOverride(proxy.endpoint())
                .region(Region.of(stack.aws().region()))
                // Signed: the local AWS tells services apart by the signature's scope.
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(SDK_ATTEMPTS)
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50)))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(10), Duration.ofMillis(100)))
                        .build()))
                .build();
    }

    private static boolean isWrite(FaultProxy.Request request) {
        return FaultProxy.dynamoDb("UpdateItem", "BatchWriteItem", "PutItem", "DeleteItem").test(request);
    }

    private static List<String> ids(List<Paper> papers) {
        return papers.stream().map(Paper::id).toList();
    }

    private static List<String> expectedIds(int first, int count) {
        return IntStream.range(first, first + count).mapToObj(n -> "2508.9" + String.format("%04d", n)).toList();
    }

    /** The listing entries as stored, whatever a reader makes of them. */
    private static int entries(LocalDate date) {
        return direct.dynamoDb().query(r -> r.tableName(stack.name("PapersTable"))
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("DAY#" + date)))).count();
    }
}
