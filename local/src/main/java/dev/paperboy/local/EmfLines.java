package dev.paperboy.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads metrics back out of a function's log as CloudWatch would: only lines with an {@code _aws}
 * directive count, and only the values it names as metrics.
 */
public final class EmfLines {
    private EmfLines() {
    }

    /** Each metric's total over every EMF line of the log. */
    public static Map<String, Long> totals(String logs) {
        Map<String, Long> totals = new LinkedHashMap<>();
        logs.lines().filter(line -> line.startsWith("{") && line.contains("\"_aws\"")).forEach(line -> {
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException notJson) {
                return;
            }
            for (JsonNode directive : node.path("_aws").path("CloudWatchMetrics")) {
                for (JsonNode metric : directive.path("Metrics")) {
                    String name = metric.path("Name").asText();
                    totals.merge(name, node.path(name).asLong(), Long::sum);
                }
            }
        });
        return totals;
    }

    /** Adds another log's totals to {@code into}. */
    public static void addTo(Map<String, Long> into, String logs) {
        totals(logs).forEach((name, n) -> into.merge(name, n, Long::sum));
    }
}
