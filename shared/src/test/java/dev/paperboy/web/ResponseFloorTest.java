package dev.paperboy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResponseFloorTest {
    private final AtomicLong now = new AtomicLong();
    private final List<Long> slept = new ArrayList<>();
    private final ResponseFloor floor = new ResponseFloor(Duration.ofMillis(500), now::get, nanos -> {
        slept.add(nanos);
        now.addAndGet(nanos);
    });

    @Test
    void quickWorkWaitsOutTheRestOfTheFloor() {
        floor.run(() -> now.addAndGet(Duration.ofMillis(120).toNanos()));
        assertEquals(List.of(Duration.ofMillis(380).toNanos()), slept);
        assertEquals(Duration.ofMillis(500).toNanos(), now.get());
    }

    @Test
    void workLongerThanTheFloorIsNotDelayedFurther() {
        floor.run(() -> now.addAndGet(Duration.ofMillis(700).toNanos()));
        assertEquals(List.of(), slept);
    }

    @Test
    void failedWorkTakesTheFloorToo() {
        assertThrows(IllegalStateException.class, () -> floor.run(() -> {
            now.addAndGet(Duration.ofMillis(10).toNanos());
            throw new IllegalStateException("boom");
        }));
        assertEquals(Duration.ofMillis(500).toNanos(), now.get());
    }
}
