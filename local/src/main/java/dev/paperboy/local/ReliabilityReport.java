package dev.paperboy.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fault and abuse scenarios' observed outcomes. Each scenario test records one row (before
 * it asserts, so a failing run still shows what happened) under {@code target/reliability/};
 * {@code make test} then writes them as the table in {@code docs/reliability.md}.
 */
public final class ReliabilityReport {
    static final String DIRECTORY = "target/reliability";

    private ReliabilityReport() {}

    /**
     * One scenario's row.
     *
     * @param id       a sortable key, e.g. {@code "1-ses-throttling"}
     * @param scenario what is tried, in a few words
     * @param faults   what was injected, with rates and counts
     * @param counts   observed numbers, e.g. due, mailed, duplicates, lost, injected
     * @param outcome  the observed outcome in words
     */
    public record Row(String id, String scenario, String faults, Map<String, Long> counts, String outcome) {}

    public static void record(Row row) {
        Path directory = TestStack.repoRoot().resolve(DIRECTORY);
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(row.id() + ".json"), Json.MAPPER.writeValueAsString(row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Long> counts(Object... namesAndValues) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            counts.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).longValue());
        }
        return counts;
    }

    /** Writes the rows found under the repository's target/reliability as docs/reliability.md. */
    static int write(Path root) throws IOException {
        Path directory = root.resolve(DIRECTORY);
        List<Row> rows = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    JsonNode node = Json.MAPPER.readTree(file.toFile());
                    rows.add(Json.MAPPER.treeToValue(node, Row.class));
                }
            }
        }
        rows.sort(Comparator.comparing(Row::id));
        StringBuilder md = new StringBuilder();
        md.append("# Reliability: faults injected, observed outcomes\n\n")
                .append("Written by `make test` from the scenario tests' own records (`target/reliability/*.json`);\n")
                .append("each test asserts the outcome below, so a row here is a run that passed.\n")
                .append("Faults are injected by `local/FaultProxy` (between the SDK and the local AWS, or in front of the\n")
                .append("Hugging Face stub) or, where noted, by a wrapper inside the function's own process.\n\n")
                .append("| # | Scenario | Faults injected | Observed | Outcome |\n")
                .append("|---|---|---|---|---|\n");
        for (Row row : rows) {
            StringBuilder observed = new StringBuilder();
            row.counts().forEach((name, value) -> observed.append(observed.isEmpty() ? "" : ", ").append(name).append(' ').append(value));
            md.append("| ").append(cell(row.id())).append(" | ").append(cell(row.scenario())).append(" | ")
                    .append(cell(row.faults())).append(" | ").append(cell(observed.toString())).append(" | ")
                    .append(cell(row.outcome())).append(" |\n");
        }
        Path target = root.resolve("docs/reliability.md");
        Files.createDirectories(target.getParent());
        Files.writeString(target, md.toString());
        System.out.println("docs/reliability.md: " + rows.size() + " scenarios");
        return 0;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
