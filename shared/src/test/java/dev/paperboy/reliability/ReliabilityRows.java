package dev.paperboy.reliability;

import dev.paperboy.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scenario row for tests in shared/, which cannot depend on the local module's
 * ReliabilityReport: the same JSON shape (id, scenario, faults, counts, outcome) written to
 * {@code <repo root>/target/reliability/<id>.json}, where `make test` collects the rows.
 */
public final class ReliabilityRows {
    private ReliabilityRows() {
    }

    public static void record(String id, String scenario, String faults, Map<String, Long> counts, String outcome) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("scenario", scenario);
        row.put("faults", faults);
        row.put("counts", counts);
        row.put("outcome", outcome);
        Path directory = repoRoot().resolve("target/reliability");
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(id + ".json"), Json.MAPPER.writeValueAsString(row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Maven passes the checkout; run from elsewhere, it is found by walking up to template.yaml. */
    static Path repoRoot() {
        String configured = System.getProperty("paperboy.repo.root");
        if (configured != null && Files.exists(Path.of(configured, "template.yaml"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
}
