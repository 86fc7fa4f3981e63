package dev.paperboy.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictBackoffTest {
    private static final ConflictBackoff QUICK = new ConflictBackoff(4, Duration.ofMillis(1), Duration.ofMillis(2));

    @Test
    void anAttemptNotOvertakenIsTheResultAndIsNotRepeated() {
        AtomicInteger attempts = new AtomicInteger();

        String result = QUICK.retry("changing", () -> {
            attempts.incrementAndGet();
            return Optional.of("done");
        });

        assertEquals("done", result);
        assertEquals(1, attempts.get());
    }

    @Test
    void anOvertakenAttemptIsTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();

        int result = QUICK.retry("changing", () -> attempts.incrementAndGet() < 3 ? Optional.empty() : Optional.of(attempts.get()));

        assertEquals(3, result);
    }

    @Test
    void whenEveryAttemptIsOvertakenTheCallerIsToldWhatWas() {
        AtomicInteger attempts = new AtomicInteger();

        ConcurrentChangeException e = assertThrows(ConcurrentChangeException.class, () -> QUICK.retry("changing subscriber x", () -> {
            attempts.incrementAndGet();
            return Optional.empty();
        }));

        assertEquals(4, attempts.get());
        assertEquals("changing subscriber x was overtaken 4 times", e.getMessage());
    }
}
