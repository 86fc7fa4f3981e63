package dev.paperboy.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DayReportTest {
    /** CloudWatch Logs' largest event; the summary is logged as one line (JsonLog), with a timestamp and a message beside it. */
    private static final int LOG_EVENT_BYTES = 256 * 1024;
    /** Lambda's largest synchronous response (and error). */
    private static final int RESPONSE_BYTES = 6 * 1024 * 1024;

    @Test
    void theLongestBackfillsSummaryFitsOneLogEventWhateverTheSourceSent() throws Exception {
        List<DayReport> days = new ArrayList<>();
        for (int i = 0; i < FetchRequest.MAX_DAYS; i++) {
            String date = LocalDate.of(2025, 6, 1).plusDays(i).toString();
            // Every page retried to the end, every entry malformed with a long reason, a long error.
            List<String> keys = Collections.nCopies(50, "raw/huggingface/daily_papers/" + date + "/page-9/20250829T120000.000Z-5.http-503");
            List<String> problems = Collections.nCopies(100_000, "page 9 entry 99: title of 1001 characters " + "x".repeat(1_000));
            days.add(new DayReport(date, 10, 0, 0, 0, 0, 100_000, problems, keys, true, date + ": " + "e".repeat(100_000)));
        }
        FetchSummary summary = FetchSummary.of(days);

        int logLine = Json.MAPPER.writeValueAsString(Map.of("timestamp", "2025-08-29T12:00:00.000Z", "level", "INFO",
                "message", "fetch summary", "summary", summary)).getBytes(StandardCharsets.UTF_8).length;
        int failure = summary.failureMessage().getBytes(StandardCharsets.UTF_8).length;

        assertTrue(logLine < LOG_EVENT_BYTES, "the summary's log line is " + logLine + " bytes");
        assertTrue(failure < LOG_EVENT_BYTES && failure < RESPONSE_BYTES, "the failure message is " + failure + " bytes");
        assertEquals(100_000, summary.days().get(0).skipped(), "the count stays whole");
        assertEquals(5, summary.days().get(0).problems().size(), "the first few say why");
    }
}
