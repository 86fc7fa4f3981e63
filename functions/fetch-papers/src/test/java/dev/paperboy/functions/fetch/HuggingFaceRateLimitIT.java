package dev.paperboy.functions.fetch;

import static dev.paperboy.local.ReliabilityReport.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.AwsClients;
import dev.paperboy.fetch.FetchPapers;
import dev.paperboy.fetch.FetchRequest;
import dev.paperboy.fetch.FetchSummary;
import dev.paperboy.json.Json;
import dev.paperboy.local.FaultProxy;
import dev.paperboy.local.FaultProxy.Fault;
import dev.paperboy.local.HfStub;
import dev.paperboy.local.LocalInvoker.Invocation;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5: Hugging Face answers 429 with Retry-After, from the fault proxy in front of the
 * Hugging Face stub. For a while, then 200: the fetch waits as told and completes within its
 * budget. With a Retry-After past what the fetch may wait: the packaged function fails at once,
 * loudly, and the day keeps its previous listing.
 */
class HuggingFaceRateLimitIT {
    private static final LocalDate THURSDAY = LocalDate.of(2025, 8, 28);
    private static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);
    private static final int RETRY_AFTER = 1;
    private static final RetryPolicy POLICY =
            new RetryPolicy(5, Duration.ofMillis(40), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10));

    private static HfStub hf;
    private static TestStack stack;
    private static FaultProxy proxy;
    private static AwsClients aws;
    private static PaperRepository papers;

    @BeforeAll
    static void start() {
        hf = HfStub.start();
        stack = TestStack.provision();
        aws = stack.aws().clients();
        proxy = FaultProxy.start(hf.url(), 5);
        papers = new PaperRepository(aws.dynamoDb(), stack.name("PapersTable"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        hf.close();
    }

    @Test
    void waitsAsToldThenCompletesAndARetryAfterPastTheBudgetFailsAtOnceKeepingThePreviousListing() throws IOException {
        // 1. Rate limited for three answers, then served: a day of two pages.
        hf.day(FRIDAY, HfEntries.day().papers(1, 60).json());
        proxy.inject(new Fault("429", HuggingFaceRateLimitIT::isDailyPapers, 1.0, 3, FaultProxy.tooManyRequests(RETRY_AFTER)));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        FetchSummary limited = fetcher(waits).run(new FetchRequest(List.of(FRIDAY)));
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        Duration waited = waits.stream().reduce(Duration.ZERO, Duration::plus);
        int stored = papers.papersOf(FRIDAY).size();
        int tooMany = proxy.injected("429");
        proxy.clear();

        // 2. A stored day, re-fetched by the packaged function (its own retry policy) while page 1
        //    is answered 429 with a Retry-After of an hour.
        hf.day(THURSDAY, HfEntries.day().papers(201, 30).json());
        fetcher(waits).run(new FetchRequest(List.of(THURSDAY)));
        List<String> before = ids(papers.papersOf(THURSDAY));
        hf.day(THURSDAY, HfEntries.day().papers(301, 150).json());
        AtomicInteger answered = new AtomicInteger();
        proxy.inject(Fault.of("hour", request -> isDailyPapers(request) && answered.incrementAndGet() > 1, 1.0,
                FaultProxy.tooManyRequests(3600)));
        long invoked = System.nanoTime();
        Invocation invocation = stack.invoker().invoke("FetchPapersFunction",
                "{\"date\": \"2025-08-28\"}".getBytes(StandardCharsets.UTF_8), Map.of("HF_API_URL", proxy.endpoint().toString()));
        Duration invocationWall = Duration.ofNanos(System.nanoTime() - invoked);
        JsonNode error = Json.MAPPER.readTree(invocation.response());
        List<String> after = ids(papers.papersOf(THURSDAY));
        int hourAnswers = proxy.injected("hour");

        ReliabilityReport.record(new Row("5-hf-429-retry-after",
                "Hugging Face rate-limits the fetch: 429 with Retry-After for a while, then 200; then a Retry-After past what the fetch may wait",
                "fault proxy in front of the Hugging Face stub: the first 3 requests 429 Retry-After " + RETRY_AFTER
                        + " s (policy: 5 attempts, 10 s budget a page); then page 1 of a stored day 429 Retry-After 3600 s (packaged function, standard policy: 60 s at once, 120 s a page)",
                counts("429 answers", tooMany, "asked to wait ms", (long) tooMany * RETRY_AFTER * 1000, "waited ms", waited.toMillis(),
                        "fetch wall ms", wall.toMillis(), "listed", limited.seen(), "stored", stored,
                        "over-budget 429 answers", hourAnswers,
                        "invocation wall ms", invocationWall.toMillis(), "listing changed", before.equals(after) ? 0 : 1),
                (limited.failed() == 0 ? "waited exactly as told (" + waited.toMillis() + " ms for " + tooMany + " x " + RETRY_AFTER
                        + " s) and completed " + stored + "/" + limited.seen() : "did not complete: " + limited.failureMessage())
                        + "; Retry-After 3600 s: " + (invocation.succeeded() ? "the function succeeded?!" : error.path("errorType").asText()
                        + " at once (" + error.path("errorMessage").asText() + "), previous listing "
                        + (before.equals(after) ? "kept" : "changed"))));

        assertEquals(0, limited.failed(), limited.failureMessage());
        assertEquals(3, tooMany);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), waits.subList(0, 3), "waited as told, each time");
        assertEquals(3, waits.size(), "no other waits");
        assertTrue(wall.compareTo(Duration.ofSeconds(3)) >= 0, "the waits were real: " + wall);
        assertTrue(waited.compareTo(POLICY.budget()) <= 0, "within the retry budget: " + waited);
        assertTrue(wall.compareTo(Duration.ofSeconds(60)) < 0, "far within the function's 600 s timeout: " + wall);
        assertEquals(60, stored);

        assertFalse(invocation.succeeded(), invocation.response());
        assertEquals("dev.paperboy.fetch.FetchFailedException", error.path("errorType").asText(), invocation.response());
        assertEquals("fetch failed for 1 of 1 day(s): 2025-08-28: page 1 failed after 1 attempt(s): "
                + "HTTP 429 asking to wait 3600 s, more than the 60 s a fetch waits at once", error.path("errorMessage").asText());
        assertEquals(1, hourAnswers, "no retry once the wait asked for is past the cap");
        assertTrue(invocationWall.compareTo(Duration.ofSeconds(60)) < 0, "failed at once rather than waiting: " + invocationWall);
        assertEquals(30, before.size());
        assertEquals(before, after, "the day keeps its previous listing");
    }

    private static FetchPapers fetcher(List<Duration> waits) {
        SourceSettings settings = new SourceSettings(proxy.endpoint(), 50, 10, POLICY);
        DailyPapers days = new DailyPapers(new DailyPapersClient(new UrlConnectionGet(Duration.ofSeconds(2), "paperboy-test"),
                new S3RawArchive(aws.s3(), stack.name("ArchiveBucket")), settings, d -> {
                    waits.add(d);
                    Thread.sleep(d.toMillis());
                }, Clock.systemUTC(), new Random(1), Metrics.none()), settings);
        // No replay here: the source stands in for it.
        return new FetchPapers(days, days, papers, new ListingCalendar(Clock.systemUTC()), Metrics.none());
    }

    private static boolean isDailyPapers(FaultProxy.Request request) {
        return request.path().startsWith("/api/daily_papers");
    }

    private static List<String> ids(List<Paper> list) {
        return list.stream().map(Paper::id).toList();
    }
}
