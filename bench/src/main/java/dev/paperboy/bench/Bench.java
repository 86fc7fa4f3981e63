package dev.paperboy.bench;

import dev.paperboy.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** `make bench`: runs each measurement, prints one table, writes target/bench/results.json. */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        DigestThroughput.Result ranking = DigestThroughput.measure(Duration.ofSeconds(5), Duration.ofSeconds(2), 5);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("rankingAndRendering", Map.of("digestsPerSecondOneThread", Math.round(ranking.digestsPerSecond()),
                "rounds", ranking.rounds().stream().map(Math::round).toList(), "papersPerDay", ranking.papers(),
                "papersPerMail", ranking.papersPerMail(), "target", 20_000));
        Files.writeString(out.resolve("results.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        System.out.printf("%-44s %14s %10s%n", "measurement", "result", "target");
        System.out.printf("%-44s %14s %10s%n", "ranking + rendering, digests/s (1 thread)", Math.round(ranking.digestsPerSecond()), ">= 20000");
        System.out.println("written: " + out.resolve("results.json"));
    }
}
