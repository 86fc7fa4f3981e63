package dev.paperboy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private Instant now = Instant.parse("2025-08-29T12:00:00Z");
    private final Clock clock = new Clock() {
        public ZoneId getZone() { return ZoneId.of("UTC"); }
        public Clock withZone(ZoneId zone) { return this; }
        public Instant instant() { return now; }
    };

    @Test
    void aBurstUpToTheCapacityPassesThenTheClientWaitsForARefill() {
        RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(2), clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limiter.acquire("1.2.3.4"));
        }
        Optional<Duration> wait = limiter.acquire("1.2.3.4");
        assertTrue(wait.isPresent() && wait.get().compareTo(Duration.ofSeconds(2)) <= 0, wait.toString());
        assertEquals(Optional.empty(), limiter.acquire("5.6.7.8"), "other clients are not affected");

        now = now.plusSeconds(2);
        assertEquals(Optional.empty(), limiter.acquire("1.2.3.4"));
    }
}
