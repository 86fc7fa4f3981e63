package dev.paperboy.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long MS = 1_000_000L;

    /** A clock that moves only when the pacer sleeps (by what it asked, plus any lateness queued) or the test says. */
    private static final class FakeTime {
        long now = 1_000 * MS;
        final List<Long> lateness = new ArrayList<>();

        void sleep(long nanos) {
            now += nanos + (lateness.isEmpty() ? 0 : lateness.remove(0));
        }
    }

    @Test
    void spacesSendsOneIntervalApart() throws InterruptedException {
        FakeTime time = new FakeTime();
        Pacer pacer = new Pacer(4, () -> time.now, time::sleep);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pacer.acquire();
            sent.add(time.now);
        }
        assertEquals(List.of(1_000 * MS, 1_250 * MS, 1_500 * MS, 1_750 * MS, 2_000 * MS), sent);
    }

    @Test
    void aLateWakeIsNotMadeUpWithSendsCloserThanTheInterval() throws InterruptedException {
        FakeTime time = new FakeTime();
        Pacer pacer = new Pacer(4, () -> time.now, time::sleep);
        pacer.acquire();
        long previous = time.now;
        time.lateness.add(200 * MS); // the second wake comes 200 ms late
        for (int i = 0; i < 4; i++) {
            pacer.acquire();
            assertTrue(time.now - previous >= 250 * MS, "sends " + (time.now - previous) / MS + " ms apart");
            previous = time.now;
        }
    }

    @Test
    void workSlowerThanTheIntervalIsNotDelayedFurther() throws InterruptedException {
        FakeTime time = new FakeTime();
        Pacer pacer = new Pacer(4, () -> time.now, nanos -> {
            throw new AssertionError("no wait expected");
        });
        pacer.acquire();
        time.now += 400 * MS; // the digest took longer than the pacer's 250 ms
        pacer.acquire();
        assertEquals(1_400 * MS, time.now);
    }

    @Test
    void refusesANonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> new Pacer(0));
        assertThrows(IllegalArgumentException.class, () -> new Pacer(Double.NaN));
    }
}
