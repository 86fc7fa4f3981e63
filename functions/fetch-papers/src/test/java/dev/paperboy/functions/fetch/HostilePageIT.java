package dev.paperboy.functions.fetch;

import static dev.paperboy.local.ReliabilityReport.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.local.HfStub;
import dev.paperboy.local.LocalInvoker.Invocation;
import dev.paperboy.local.ReliabilityReport;
import dev.paperboy.local.TestStack;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scenario oddpaper-2: hostile pages from the source, served by the local stand-in as they are
 * generated (tens of megabytes, millions of entries, every one malformed), fetched by the packaged
 * FetchPapersFunction in a fresh JVM with Lambda's memory split of the template's MemorySize
 * (heap 85%). The hostile days fail by name, the others are stored, and neither the response nor
 * any log line passes Lambda's limits.
 */
class HostilePageIT {
    private static final LocalDate ALL_MALFORMED = LocalDate.of(2025, 8, 25);
    private static final LocalDate BEFORE = LocalDate.of(2025, 8, 26);
    private static final LocalDate HUGE = LocalDate.of(2025, 8, 27);
    private static final LocalDate CROWDED = LocalDate.of(2025, 8, 28);
    private static final LocalDate AFTER = LocalDate.of(2025, 8, 29);
    /** Lambda's largest synchronous response. */
    private static final int RESPONSE_BYTES = 6 * 1024 * 1024;
    /** CloudWatch Logs' largest event. */
    private static final int LOG_EVENT_BYTES = 256 * 1024;
    private static final long MEGABYTE = 1024 * 1024;

    private HfStub hf;
    private TestStack stack;

    @BeforeEach
    void setUp() {
        // Each has an id but no title: every entry is skipped, and each says why.
        HfEntries malformed = HfEntries.day();
        for (int i = 0; i < 1_000; i++) {
            malformed.raw("{\"paper\": {\"id\": \"2508.9" + String.format("%04d", i) + "\"}, \"numComments\": \"many\"}");
        }
        hf = HfStub.start()
                .day(ALL_MALFORMED, malformed.json())
                .day(BEFORE, HfEntries.day().papers(1, 3).json())
                // 30 MB of one malformed entry over and over: under the old 32 MB read limit, about 2 million entries.
                .flood(HUGE, 0, 30 * MEGABYTE, "{\"paper\": {\"id\": \"x\"}}")
                // 7 MB of empty objects: under the page's byte cap, 2.4 million entries.
                .flood(CROWDED, 0, 7 * MEGABYTE, "{}")
                .day(AFTER, HfEntries.day().papers(11, 4).json());
        stack = TestStack.provision();
    }

    @AfterEach
    void tearDown() {
        hf.close();
    }

    @Test
    void hostileDaysFailByNameTheOthersAreStoredAndNothingPassesLambdasLimits() throws Exception {
        long start = System.nanoTime();
        Invocation result = stack.invoker().invoke("FetchPapersFunction",
                ("{\"from\": \"" + ALL_MALFORMED + "\", \"to\": \"" + AFTER + "\"}").getBytes(StandardCharsets.UTF_8),
                Map.of("HF_API_URL", hf.url().toString()));
        long seconds = (System.nanoTime() - start) / 1_000_000_000;

        PaperRepository papers = new PaperRepository(stack.aws().clients().dynamoDb(), stack.name("PapersTable"), Clock.systemUTC());
        List<String> before = papers.papersOf(BEFORE).stream().map(Paper::id).toList();
        List<String> after = papers.papersOf(AFTER).stream().map(Paper::id).toList();
        int responseBytes = result.response().getBytes(StandardCharsets.UTF_8).length;
        int longestLogLine = Arrays.stream(result.logs().split("\n")).mapToInt(l -> l.getBytes(StandardCharsets.UTF_8).length).max().orElse(0);
        boolean outOfMemory = result.logs().contains("OutOfMemoryError") || result.response().contains("OutOfMemoryError");
        JsonNode summary = summaryLine(result.logs());
        String error = Json.MAPPER.readTree(result.response()).path("errorMessage").asText("");
        JsonNode malformedDay = summary.path("days").path(0);
        boolean namedBoth = error.contains(HUGE + ": page 0: the answer is larger than 8388608 bytes")
                && error.contains(CROWDED + ": more than the 100 entries a page was asked for");
        record(result, seconds, before.size() + after.size(), responseBytes, longestLogLine, outOfMemory, malformedDay, namedBoth);

        assertFalse(outOfMemory, "out of memory at Lambda's heap: " + tail(result.logs()));
        assertFalse(result.succeeded(), "two days failed, so the invocation fails (the Errors alarm)");
        assertTrue(namedBoth, "each hostile day fails by name and says why: " + error);
        assertTrue(error.startsWith("fetch failed for 2 of 5 day(s)"), error);
        assertEquals(List.of("2508.90001", "2508.90002", "2508.90003"), before, "the day before is stored");
        assertEquals(List.of("2508.90011", "2508.90012", "2508.90013", "2508.90014"), after, "the day after is stored");
        assertTrue(responseBytes < RESPONSE_BYTES, "response of " + responseBytes + " bytes");
        assertTrue(longestLogLine < LOG_EVENT_BYTES, "a log line of " + longestLogLine + " bytes");
        assertEquals(1_000, malformedDay.path("skipped").asInt(), "every malformed entry counted");
        assertEquals(5, malformedDay.path("problems").size(), "the first few say why: " + malformedDay);
        assertTrue(hf.floodBytesSent() < 2 * 30 * MEGABYTE, "read with a limit, not retried: " + hf.floodBytesSent() + " bytes sent");
    }

    private static JsonNode summaryLine(String logs) throws Exception {
        for (String line : logs.split("\n")) {
            if (line.contains("\"message\":\"fetch summary\"")) {
                return Json.MAPPER.readTree(line).path("summary");
            }
        }
        return Json.MAPPER.createObjectNode();
    }

    private void record(Invocation result, long seconds, int storedPapers, int responseBytes, int longestLogLine, boolean outOfMemory,
                        JsonNode malformedDay, boolean namedBoth) {
        boolean held = !outOfMemory && !result.succeeded() && namedBoth && storedPapers == 7 && responseBytes < RESPONSE_BYTES
                && longestLogLine < LOG_EVENT_BYTES && malformedDay.path("problems").size() <= 5;
        ReliabilityReport.record(new ReliabilityReport.Row("oddpaper-2-hostile-source-page",
                "Hostile Daily Papers pages fetched by the packaged FetchPapersFunction in a fresh JVM with Lambda's memory split "
                        + "(heap 85% of " + stack.invoker().memorySizeMb("FetchPapersFunction") + " MB), a 5-day backfill",
                "from the local stand-in, generated as sent: a 30 MB page of about 1.4 million malformed entries, a 7 MB page of 2.4 "
                        + "million empty objects, 1,000 malformed entries over 10 pages; two good days around them",
                counts("hostileBytesServed", hf.floodBytesSent(), "responseBytes", responseBytes, "longestLogLineBytes", longestLogLine,
                        "malformedEntriesCounted", malformedDay.path("skipped").asLong(), "problemsListed", malformedDay.path("problems").size(),
                        "goodDaysPapersStored", storedPapers, "outOfMemory", outOfMemory ? 1 : 0, "seconds", seconds),
                held ? "no out of memory: the 30 MB page was read to the 8 MiB cap and failed its day by name at once (not retried), the "
                        + "crowded page failed its day at its 101st entry; the good days were stored; 1,000 malformed entries counted "
                        + "with the first 5 listed; response and every log line far inside Lambda's limits"
                        : "FAILED: see the test's assertion (out of memory " + outOfMemory + ", days named " + namedBoth + ")"));
    }

    private static String tail(String logs) {
        return logs.length() <= 3_000 ? logs : logs.substring(logs.length() - 3_000);
    }
}
