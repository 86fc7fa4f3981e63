package dev.paperboy.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.paperboy.local.TestStack;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import java.util.stream.Stream;

/** One short iteration of each measurement, so that `make bench` cannot rot between runs. Asserts shape, not speed. */
class BenchSmokeIT {
    @TempDir
    Path out;

    @TestFactory
    Stream<DynamicTest> eachMeasurementRunsOnce() {
        Measurement.Context context = new Measurement.Context(out, TestStack.repoRoot(), true);
        return Bench.all().stream().map(measurement -> DynamicTest.dynamicTest(measurement.name(), () -> {
            Measurement.Report report = measurement.run(context);
            assertFalse(report.rows().isEmpty(), measurement.name() + " printed nothing");
            assertFalse(report.rows().stream().anyMatch(row -> row.result().isBlank()), measurement.name() + " left a result blank");
            assertNotNull(report.details());
        }));
    }
}
