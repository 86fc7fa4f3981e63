package dev.paperboy.bench;

import dev.paperboy.bench.coldstart.ColdStart;
import dev.paperboy.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `make bench`: runs each measurement, prints one table, writes target/bench/&lt;name&gt;.json and
 * results.json. {@code make bench ONLY=ranking,cold-start} runs some of them.
 */
public final class Bench {
    private Bench() {
    }

    /** Every measurement, in the order the table prints them. */
    static List<Measurement> all() {
        return List.of(new ColdStart(), new Artifacts(), new RankingThroughput(), new FetchEfficiency(), new PlannerScale(), new SendPacing(),
                new MetricsCost(), new KeysCost());
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Set<String> only = args.length > 1 && !args[1].isBlank() ? Set.of(args[1].split(",")) : Set.of();
        Files.createDirectories(out);
        Path root = Path.of(System.getProperty("paperboy.repo.root", ".")).toAbsolutePath().normalize();
        // -Dpaperboy.bench.smoke=true: one short iteration of each, as BenchSmokeIT runs them.
        Measurement.Context context = new Measurement.Context(out, root, Boolean.getBoolean("paperboy.bench.smoke"));
        Map<String, Object> results = new LinkedHashMap<>();
        List<Measurement.Row> rows = new ArrayList<>();
        for (Measurement measurement : all()) {
            if (!only.isEmpty() && !only.contains(measurement.name())) {
                continue;
            }
            System.err.println("bench: " + measurement.name() + " ...");
            Measurement.Report report = measurement.run(context);
            results.put(measurement.name(), report.details());
            rows.addAll(report.rows());
            Files.writeString(out.resolve(measurement.name() + ".json"),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report.details()));
        }
        Files.writeString(out.resolve("results.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        print(rows);
        System.out.println("written: " + out.resolve("results.json"));
    }

    static void print(List<Measurement.Row> rows) {
        int width = rows.stream().mapToInt(row -> row.what().length()).max().orElse(20);
        String format = "%-" + width + "s  %16s  %12s%n";
        System.out.printf(format, "measurement", "result", "target");
        rows.forEach(row -> System.out.printf(format, row.what(), row.result(), row.target()));
    }
}
