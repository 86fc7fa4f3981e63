package dev.paperboy.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.metrics.RecordingMetrics;
import dev.paperboy.paper.Paper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The client's paging and retry rules, with the network replaced by scripted answers. The same
 * behaviour against a real HTTP server is covered by the fetch function's integration tests.
 */
class DailyPapersClientTest {
    private static final LocalDate DAY = LocalDate.of(2025, 8, 29);
    private static final Instant NOW = Instant.parse("2025-08-30T02:00:00Z");
    private static final RetryPolicy POLICY =
            new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(120));

    private final Deque<Object> answers = new ArrayDeque<>();
    private final List<URI> requested = new ArrayList<>();
    private final List<Duration> slept = new ArrayList<>();
    private final Map<String, byte[]> archived = new LinkedHashMap<>();
    private final RecordingMetrics metrics = new RecordingMetrics();

    private final HttpGet http = uri -> {
        requested.add(uri);
        Object next = answers.isEmpty() ? ok("[]") : answers.poll();
        if (next instanceof IOException e) {
            throw e;
        }
        return (HttpResponse) next;
    };

    private final RawArchive archive = (key, body) -> {
        archived.put(key, body);
        return key;
    };

    /** A day read through the client, as the fetch reads one. */
    private DailyPapers days(int pageSize, int maxPages) {
        SourceSettings settings = new SourceSettings(URI.create("http://hf.test/"), pageSize, maxPages, POLICY);
        return new DailyPapers(new DailyPapersClient(http, archive, settings, slept::add, Clock.fixed(NOW, ZoneOffset.UTC), new Random(7), metrics),
                settings);
    }

    private DailyPapers.Day fetch() {
        return days(100, 10).day(DAY);
    }

    @Test
    void pagesWithLimitAndPUntilAnEmptyPage() {
        answers.add(ok(Fixtures.hf("day-full.json")));
        answers.add(ok(Fixtures.hf("day-malformed.json")));
        answers.add(ok("[]"));

        DailyPapers.Day day = fetch();

        assertEquals(List.of("2508.90101", "2508.90102", "2508.90201", "2508.90206"), day.papers().stream().map(Paper::id).toList());
        assertEquals(3, day.pages());
        assertEquals(4, day.skipped());
        assertEquals("http://hf.test/api/daily_papers?date=2025-08-29&limit=100&p=0", requested.get(0).toString());
        assertEquals("http://hf.test/api/daily_papers?date=2025-08-29&limit=100&p=2", requested.get(2).toString());
        assertEquals(List.of(), slept);
    }

    @Test
    void stopsAtThePageCapAndSaysSo() {
        for (int i = 0; i < 5; i++) {
            answers.add(ok(Fixtures.hf("day-full.json")));
        }

        DailyPapers.Day day = days(100, 3).day(DAY);

        assertEquals(3, requested.size());
        assertTrue(day.pageCapReached());
    }

    @Test
    void anEmptyDayIsOneRequestAndNoPapers() {
        DailyPapers.Day day = fetch();

        assertEquals(List.of(), day.papers());
        assertEquals(1, day.pages());
    }

    @Test
    void waitsAsRetryAfterSaysThenSucceeds() {
        answers.add(response(429, Map.of("Retry-After", "7"), "{}"));
        answers.add(ok(Fixtures.hf("day-full.json")));

        DailyPapers.Day day = fetch();

        assertEquals(List.of(Duration.ofSeconds(7)), slept);
        assertEquals(2, day.papers().size());
        assertEquals(1, metrics.get("SourceThrottled"), "a 429 is a throttle on the dashboard");
    }

    @Test
    void readsRetryAfterGivenAsAnHttpDate() {
        answers.add(response(429, Map.of("Retry-After", "Sat, 30 Aug 2025 02:00:12 GMT"), "{}"));

        fetch();

        assertEquals(List.of(Duration.ofSeconds(12)), slept);
    }

    @Test
    void readsTheRateLimitResetWhenThereIsNoRetryAfter() {
        answers.add(response(429, Map.of("RateLimit", "\"api\";r=0;t=42", "RateLimit-Policy", "\"fixed window\";q=500;w=300"), "{}"));

        fetch();

        assertEquals(List.of(Duration.ofSeconds(42)), slept);
    }

    @Test
    void anAbsurdRateLimitResetIsNotBelievedAndDoesNotBreakTheRun() {
        answers.add(response(429, Map.of("RateLimit", "\"api\";r=0;t=99999999999999999999"), "{}"));
        answers.add(ok("[]"));

        fetch();

        assertEquals(1, slept.size());
        assertTrue(slept.get(0).compareTo(Duration.ofSeconds(1)) < 0, "fell back to the backoff: " + slept);
    }

    @Test
    void refusesToWaitLongerThanTheCapAndFailsWithTheDateAndStatus() {
        answers.add(response(429, Map.of("Retry-After", "3600"), "{}"));

        SourceException e = assertThrows(SourceException.class, this::fetch);

        assertEquals("2025-08-29: page 0 failed after 1 attempt(s): HTTP 429 asking to wait 3600 s, more than the 60 s a fetch waits at once",
                e.getMessage());
        assertEquals(List.of(), slept);
    }

    @Test
    void givesUpAtOnceWhenWaitingAsToldWouldPassTheBudget() {
        for (int i = 0; i < 3; i++) {
            answers.add(response(429, Map.of("Retry-After", "50"), "{}"));
        }

        SourceException e = assertThrows(SourceException.class, this::fetch);

        assertEquals(List.of(Duration.ofSeconds(50), Duration.ofSeconds(50)), slept, "the third wait would make 150 s of a 120 s budget");
        assertEquals("2025-08-29: page 0 failed after 3 attempt(s): HTTP 429 asking to wait 50 s, past the retry budget of 120 s (waited 100 s)",
                e.getMessage());
    }

    @Test
    void retriesServerErrorsWithJitteredBackoffThenSucceeds() {
        answers.add(response(500, Map.of(), "oops"));
        answers.add(response(503, Map.of(), "busy"));
        answers.add(ok(Fixtures.hf("day-full.json")));

        DailyPapers.Day day = fetch();

        assertEquals(2, day.papers().size());
        assertEquals(2, slept.size());
        assertEquals(0, metrics.get("SourceThrottled"), "a server error is not a throttle");
        assertTrue(slept.get(0).compareTo(Duration.ofMillis(50)) >= 0 && slept.get(0).compareTo(Duration.ofMillis(100)) <= 0, slept.toString());
        assertTrue(slept.get(1).compareTo(Duration.ofMillis(100)) >= 0 && slept.get(1).compareTo(Duration.ofMillis(200)) <= 0, slept.toString());
    }

    @Test
    void aPersistentServerErrorFailsLoudlyAfterArchivingEveryAnswer() {
        for (int i = 0; i < 10; i++) {
            answers.add(response(502, Map.of(), "bad gateway " + i));
        }

        SourceException e = assertThrows(SourceException.class, this::fetch);

        assertEquals("2025-08-29: page 0 failed after 4 attempt(s): HTTP 502", e.getMessage());
        assertEquals(4, requested.size());
        assertEquals(4, archived.size());
        assertTrue(archived.keySet().stream().allMatch(k -> k.startsWith("raw/huggingface/daily_papers/2025-08-29/page-0/") && k.endsWith(".http-502")),
                archived.keySet().toString());
        assertEquals(List.copyOf(archived.keySet()), e.archivedKeys(), "the failure names every key archived for the day");
    }

    @Test
    void aFailureOnALaterPageNamesTheKeysOfTheEarlierPagesToo() {
        answers.add(ok(Fixtures.hf("day-full.json")));
        answers.add(response(400, Map.of(), "{\"error\":\"Invalid page\"}"));

        SourceException e = assertThrows(SourceException.class, this::fetch);

        assertEquals(List.of("raw/huggingface/daily_papers/2025-08-29/page-0/20250830T020000.000Z-1.json",
                "raw/huggingface/daily_papers/2025-08-29/page-1/20250830T020000.000Z-1.http-400"), e.archivedKeys());
        assertEquals(List.copyOf(archived.keySet()), e.archivedKeys());
    }

    @Test
    void aDayListsTheKeysOfEveryAnswerInTheOrderTheyArrived() {
        answers.add(response(503, Map.of(), "busy"));
        answers.add(ok(Fixtures.hf("day-full.json")));

        DailyPapers.Day day = fetch();

        assertEquals(List.of("raw/huggingface/daily_papers/2025-08-29/page-0/20250830T020000.000Z-1.http-503",
                "raw/huggingface/daily_papers/2025-08-29/page-0/20250830T020000.000Z-2.json",
                "raw/huggingface/daily_papers/2025-08-29/page-1/20250830T020000.000Z-1.json"), day.archivedKeys());
    }

    @Test
    void retriesTimeouts() {
        answers.add(new HttpTimeoutException("request timed out"));
        answers.add(ok("[]"));

        DailyPapers.Day day = fetch();

        assertEquals(1, slept.size());
        assertEquals(1, day.pages());
    }

    @Test
    void doesNotRetryAClientError() {
        answers.add(response(400, Map.of(), "{\"error\":\"Invalid date\"}"));

        SourceException e = assertThrows(SourceException.class, this::fetch);

        assertEquals("2025-08-29: page 0 failed after 1 attempt(s): HTTP 400", e.getMessage());
        assertEquals(1, requested.size());
    }

    @Test
    void archivesTheRawBodyBeforeParsingIt() {
        answers.add(ok(Fixtures.hf("not-json.html")));

        assertThrows(SourceException.class, this::fetch);

        assertEquals(1, archived.size());
        String key = archived.keySet().iterator().next();
        assertEquals("raw/huggingface/daily_papers/2025-08-29/page-0/20250830T020000.000Z-1.json", key);
        assertEquals(new String(Fixtures.hf("not-json.html"), StandardCharsets.UTF_8), new String(archived.get(key), StandardCharsets.UTF_8));
    }

    @Test
    void refusesAPageSizeTheApiWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> days(101, 10));
    }

    /** A JSON array of {@code count} copies of {@code entry}, built without a tree. */
    private static byte[] arrayOf(String entry, int count) {
        StringBuilder out = new StringBuilder(count * (entry.length() + 1) + 2).append('[');
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append(entry);
        }
        return out.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPageOfMoreEntriesThanAskedForFailsTheDayByName() {
        // 2.5 MB of empty objects: millions of entries, each malformed, under the byte cap.
        answers.add(ok(arrayOf("{}", 800_000)));

        SourceException e = assertThrows(SourceException.class, this::fetch);

        assertTrue(e.getMessage().startsWith("2025-08-29: more than the 100 entries a page was asked for"), e.getMessage());
        assertEquals(1, requested.size(), "not retried");
    }

    @Test
    void anAnswerOverThePageCapFailsTheDayAtOnceUnarchived() {
        answers.add(ok(arrayOf("{\"paper\":{}}", 8 * 1024 * 1024 / 13 + 1)));

        SourceException e = assertThrows(SourceException.class, this::fetch);

        assertTrue(e.getMessage().startsWith("2025-08-29: page 0: the answer is larger than 8388608 bytes"), e.getMessage());
        assertEquals(1, requested.size(), "not retried: it would be as large again");
        assertEquals(Map.of(), archived, "only part of it is a body worth keeping");
    }

    @Test
    void keepsTheFirstFewProblemsOfADayAndCountsThemAll() {
        for (int page = 0; page < 3; page++) {
            answers.add(ok(arrayOf("{\"paper\":{\"id\":\"not an id\",\"title\":\"t\"}}", 100)));
        }
        answers.add(ok("[]"));

        DailyPapers.Day day = fetch();

        assertEquals(300, day.skipped());
        assertEquals(List.of("page 0 entry 0: id is not an arXiv id", "page 0 entry 1: id is not an arXiv id",
                "page 0 entry 2: id is not an arXiv id", "page 0 entry 3: id is not an arXiv id", "page 0 entry 4: id is not an arXiv id"),
                day.problems());
    }

    private static HttpResponse ok(String body) {
        return ok(body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse ok(byte[] body) {
        return new HttpResponse(200, Map.of("Content-Type", List.of("application/json")), body);
    }

    private static HttpResponse response(int status, Map<String, String> headers, String body) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return new HttpResponse(status, h, body.getBytes(StandardCharsets.UTF_8));
    }
}
