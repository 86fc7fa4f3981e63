package dev.paperboy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Powertools metrics would cost a cold start, against our own EMF writer: each side runs in
 * fresh JVMs ({@link MetricsProbe}), alternating, and we take the median of the classes loaded
 * for the first metric line, the time to it inside the JVM, and the whole process until the line
 * reached us. The jars Powertools loads from that our side does not are what it adds to each
 * function's zip.
 */
final class MetricsCost implements Measurement {
    @Override
    public String name() {
        return "metrics-cost";
    }

    /** {@code jars}: the jars classes came from during the metrics work that nothing before it had used. */
    record Run(int classes, double firstMetricMillis, double processMillis, Set<String> jars, String line) {
    }

    @Override
    public Report run(Context context) throws Exception {
        int runs = context.smoke() ? 1 : 7;
        Map<String, List<Run>> bySide = new LinkedHashMap<>();
        bySide.put("powertools", new ArrayList<>());
        bySide.put("own", new ArrayList<>());
        for (int i = 0; i < runs; i++) {
            for (String side : bySide.keySet()) {
                bySide.get(side).add(probe(side, context.out()));
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        Map<String, Set<String>> jars = new LinkedHashMap<>();
        for (var entry : bySide.entrySet()) {
            List<Run> r = entry.getValue();
            Map<String, Object> side = new LinkedHashMap<>();
            side.put("classesLoaded", Probes.median(r.stream().map(Run::classes).map(Integer::doubleValue).toList()));
            side.put("firstMetricMillis", Probes.round(Probes.median(r.stream().map(Run::firstMetricMillis).toList())));
            side.put("processToFirstLineMillis", Probes.round(Probes.median(r.stream().map(Run::processMillis).toList())));
            side.put("runs", r.size());
            side.put("line", r.get(0).line());
            details.put(entry.getKey(), side);
            jars.put(entry.getKey(), r.get(0).jars());
        }
        // What the zip gains: jars Powertools reads for the first metric that a function zip lacks.
        Path functionLib = context.repoRoot().resolve("functions/fetch-papers/target/lib");
        Set<String> shipped = new LinkedHashSet<>();
        if (Files.isDirectory(functionLib)) {
            try (var files = Files.list(functionLib)) {
                files.forEach(f -> shipped.add(f.getFileName().toString()));
            }
        }
        Set<String> extra = new LinkedHashSet<>(jars.get("powertools"));
        extra.removeIf(jar -> shipped.contains(Path.of(jar).getFileName().toString()));
        long extraBytes = 0;
        for (String jar : extra) {
            extraBytes += Files.size(Path.of(jar));
        }
        details.put("powertoolsOnlyJars", extra.stream().map(j -> Path.of(j).getFileName().toString()).sorted().toList());
        details.put("powertoolsOnlyJarBytes", extraBytes);
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) details.get("powertools");
        @SuppressWarnings("unchecked")
        Map<String, Object> o = (Map<String, Object>) details.get("own");
        rows.add(new Row("metrics: classes loaded, Powertools / own", p.get("classesLoaded") + " / " + o.get("classesLoaded"), ""));
        rows.add(new Row("metrics: ms to first metric, Powertools / own", p.get("firstMetricMillis") + " / " + o.get("firstMetricMillis"), ""));
        rows.add(new Row("metrics: process ms to first line, Powertools / own",
                p.get("processToFirstLineMillis") + " / " + o.get("processToFirstLineMillis"), ""));
        rows.add(new Row("metrics: Powertools adds to each zip (MB)", String.format("%.2f", extraBytes / 1e6), ""));
        return new Report(rows, details);
    }

    private static Run probe(String side, Path out) throws IOException {
        Map<String, String> env = Map.of("POWERTOOLS_METRICS_NAMESPACE", "Paperboy", "POWERTOOLS_SERVICE_NAME", "probe",
                // As in Lambda: without it, the EMF library looks for an agent or EC2 metadata first.
                "AWS_LAMBDA_FUNCTION_NAME", "probe", "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST",
                "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/probe", "LAMBDA_TASK_ROOT", System.getProperty("java.io.tmpdir"));
        Probes.Run run = Probes.run(MetricsProbe.class, List.of(side), List.of("-XX:ActiveProcessorCount=1", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto"), env, line -> line.contains("\"_aws\""), out);
        if (!run.line().contains("\"PapersFetched\"")) {
            throw new IllegalStateException("probe " + side + " wrote no metric line");
        }
        return new Run(run.classes(), run.nanos().get(0) / 1e6, run.millisToLine(), run.jars(), run.line());
    }
}
