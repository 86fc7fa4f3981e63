package dev.paperboy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line CloudWatch reads: the _aws directive must name every metric and the dimension it sets. */
class EmfMetricsTest {
    private static final Instant NOW = Instant.parse("2025-08-30T02:00:00Z");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final EmfMetrics metrics = new EmfMetrics("Paperboy", "pb-FetchPapers-1", new PrintStream(bytes, true, StandardCharsets.UTF_8),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.MAPPER.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void oneFlushIsOneLineInEmbeddedMetricFormat() throws Exception {
        metrics.count("PapersFetched", 30);
        metrics.count("PapersWritten", 12);
        metrics.count("PapersFetched", 5);
        metrics.count("EmptyWeekdayListing");

        metrics.flush();

        List<JsonNode> lines = lines();
        assertEquals(1, lines.size());
        JsonNode line = lines.get(0);
        assertEquals(NOW.toEpochMilli(), line.path("_aws").path("Timestamp").asLong());
        JsonNode directives = line.path("_aws").path("CloudWatchMetrics");
        assertEquals(1, directives.size());
        JsonNode directive = directives.get(0);
        assertEquals("Paperboy", directive.path("Namespace").asText());
        assertEquals(Json.MAPPER.readTree("[[\"Function\"]]"), directive.path("Dimensions"));
        assertEquals(Json.MAPPER.readTree("""
                [{"Name":"PapersFetched","Unit":"Count"},{"Name":"PapersWritten","Unit":"Count"},
                 {"Name":"EmptyWeekdayListing","Unit":"Count"}]"""), directive.path("Metrics"));
        assertEquals("pb-FetchPapers-1", line.path("Function").asText(), "the dimension's value is a member of the line");
        assertEquals(35, line.path("PapersFetched").asLong(), "counts of one name add up");
        assertEquals(12, line.path("PapersWritten").asLong());
        assertEquals(1, line.path("EmptyWeekdayListing").asLong());
    }

    @Test
    void aFlushStartsAgainFromNothingAndAnEmptyFlushWritesNothing() throws Exception {
        metrics.count("DigestsSent", 2);
        metrics.flush();
        metrics.flush();
        metrics.count("DigestsSent", 1);
        metrics.flush();

        List<JsonNode> lines = lines();
        assertEquals(2, lines.size());
        assertEquals(2, lines.get(0).path("DigestsSent").asLong());
        assertEquals(1, lines.get(1).path("DigestsSent").asLong());
    }

    @Test
    void aZeroIsWrittenSoADashboardShowsZeroNotNoData() throws Exception {
        metrics.count("PapersWritten", 0);
        metrics.flush();

        assertEquals(0, lines().get(0).path("PapersWritten").asLong());
        assertTrue(lines().get(0).has("PapersWritten"));
    }

    @Test
    void moreThanAHundredMetricsSplitIntoLinesCloudWatchAccepts() throws Exception {
        for (int i = 0; i < EmfMetrics.MAX_METRICS_PER_LINE + 1; i++) {
            metrics.count("M" + i, i);
        }
        metrics.flush();

        List<JsonNode> lines = lines();
        assertEquals(2, lines.size());
        assertEquals(100, lines.get(0).path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").size());
        assertEquals(1, lines.get(1).path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").size());
        assertEquals(100, lines.get(1).path("M100").asLong());
    }
}
