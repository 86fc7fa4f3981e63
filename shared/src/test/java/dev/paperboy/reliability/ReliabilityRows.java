package dev.paperboy.reliability;

import dev.paperboy.json.Json;
import dev.paperboy.testkit.Checkout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reliability row from a test of this module, in the shape {@code local}'s ReliabilityReport
 * reads (this module cannot depend on {@code local}): {@code <repo root>/target/reliability/<id>.json}.
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
        Path directory = Checkout.root().resolve("target/reliability");
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(id + ".json"), Json.MAPPER.writeValueAsString(row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
