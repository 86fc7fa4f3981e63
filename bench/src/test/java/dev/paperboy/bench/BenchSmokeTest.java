package dev.paperboy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One short iteration of each measurement, so that `make bench` cannot rot between runs. Asserts shape, not speed. */
class BenchSmokeTest {
    @Test
    void theThroughputMeasurementRunsOnce() {
        DigestThroughput.Result result = DigestThroughput.measure(Duration.ofMillis(50), Duration.ofMillis(50), 1);

        assertEquals(1, result.rounds().size());
        assertTrue(result.digestsPerSecond() > 0);
        assertEquals(30, result.papers());
    }
}
