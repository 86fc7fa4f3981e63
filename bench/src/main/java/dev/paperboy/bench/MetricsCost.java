package dev.paperboy.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What Powertools metrics would cost a cold start, against our own EMF writer: each side runs in
 * fresh JVMs ({@link MetricsProbe}), alternating, and we take the median of the classes loaded
 * for the first metric line, the time to it inside the JVM, and the whole process until the line
 * reached us. The jars Powertools loads from that our side does not are what it adds to each
 * function's zip.
 */
final class MetricsCost implements Measurement {
    private static final String BEGIN = MetricsProbe.class.getName() + "$Begin";
    private static final String END = MetricsProbe.class.getName() + "$End";

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
            side.put("classesLoaded", median(r.stream().map(Run::classes).map(Integer::doubleValue).toList()));
            side.put("firstMetricMillis", round(median(r.stream().map(Run::firstMetricMillis).toList())));
            side.put("processToFirstLineMillis", round(median(r.stream().map(Run::processMillis).toList())));
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

    private static Run probe(String side, Path out) throws IOException, InterruptedException {
        Path log = Files.createTempFile(out, "classload-" + side, ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=1", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                MetricsProbe.class.getName(), side);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().put("POWERTOOLS_METRICS_NAMESPACE", "Paperboy");
        builder.environment().put("POWERTOOLS_SERVICE_NAME", "probe");
        // As in Lambda: without it, the EMF library looks for an agent or EC2 metadata first.
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "probe");
        builder.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        builder.environment().put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/probe");
        builder.environment().put("LAMBDA_TASK_ROOT", System.getProperty("java.io.tmpdir"));
        long start = System.nanoTime();
        Process process = builder.start();
        // A probe that hangs must not hang `make bench`.
        java.util.concurrent.CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS).execute(process::destroyForcibly);
        String line;
        long lineAt;
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            line = stdout.readLine();
            lineAt = System.nanoTime();
            while (line != null && !line.contains("\"_aws\"")) {
                line = stdout.readLine();
                lineAt = System.nanoTime();
            }
            stdout.transferTo(java.io.Writer.nullWriter());
        }
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || line == null) {
            throw new IllegalStateException("metrics probe " + side + " failed: " + err);
        }
        long nanos = Long.parseLong(err.lines().filter(l -> l.startsWith("probe-nanos ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no timing from the probe: " + err)).substring(12).strip());
        int classes = 0;
        boolean counting = false;
        boolean ended = false;
        Set<String> jars = new LinkedHashSet<>();
        Set<String> before = new LinkedHashSet<>();
        for (String l : Files.readAllLines(log)) {
            int at = l.indexOf("source: ");
            if (l.contains(" " + BEGIN + " ")) {
                counting = true;
                continue;
            }
            if (l.contains(" " + END + " ")) {
                ended = true;
                break;
            }
            if (counting) {
                classes++;
            }
            if (at >= 0) {
                jar(l.substring(at + 8)).ifPresent(counting ? jars::add : before::add);
            }
        }
        jars.removeAll(before);
        Files.deleteIfExists(log);
        if (!ended || classes == 0 || !line.contains("\"PapersFetched\"")) {
            throw new IllegalStateException("probe " + side + " left no marks in its class-load log or no metric line: " + line);
        }
        return new Run(classes, nanos / 1e6, (lineAt - start) / 1e6, jars, line);
    }

    /** A class-load source naming a jar ("file:/x.jar" or "jar:file:/x.jar!/..."), as a path. */
    private static java.util.Optional<String> jar(String source) {
        String s = source.strip();
        if (s.startsWith("jar:")) {
            s = s.substring(4);
        }
        int bang = s.indexOf('!');
        if (bang >= 0) {
            s = s.substring(0, bang);
        }
        if (!s.startsWith("file:") || !s.endsWith(".jar")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Path.of(java.net.URI.create(s)).toString());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
