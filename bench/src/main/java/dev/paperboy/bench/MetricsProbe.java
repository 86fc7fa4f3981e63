package dev.paperboy.bench;

import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.metrics.EmfMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The child JVM of {@link MetricsCost}: reads an event and logs a JSON line as every handler does
 * (so neither side is charged for Jackson), then counts three metrics and flushes them with
 * Powertools ({@code powertools}) or with {@link EmfMetrics} ({@code own}). The classes loaded
 * between {@link Probes.Begin} and {@link Probes.End} are the metrics library's; the nanoseconds between them
 * are printed last, on stderr.
 */
public final class MetricsProbe {
    private MetricsProbe() {
    }

    public static void main(String[] args) throws Exception {
        Json.MAPPER.readTree("{\"date\":\"2025-08-29\",\"fromArchive\":false}");
        JsonLog.info("probe ready", Map.of("summary", Map.of("dates", List.of("2025-08-29"), "seen", 30L)));
        long start = Probes.Begin.now();
        if (args[0].equals("powertools")) {
            Metrics metrics = MetricsBuilder.builder().withNamespace("Paperboy").withDefaultDimension("Function", "probe")
                    .withRaiseOnEmptyMetrics(false).build();
            metrics.addMetric("PapersFetched", 30, MetricUnit.COUNT);
            metrics.addMetric("PapersWritten", 12, MetricUnit.COUNT);
            metrics.addMetric("PapersSkipped", 1, MetricUnit.COUNT);
            metrics.flush();
        } else {
            EmfMetrics metrics = new EmfMetrics("Paperboy", "probe", System.out, Clock.systemUTC());
            metrics.count("PapersFetched", 30);
            metrics.count("PapersWritten", 12);
            metrics.count("PapersSkipped", 1);
            metrics.flush();
        }
        long end = Probes.End.now();
        System.out.flush();
        System.err.println("probe-nanos " + (end - start));
    }
}
