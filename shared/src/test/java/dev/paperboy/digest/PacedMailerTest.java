package dev.paperboy.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.paperboy.mail.DigestMailer;
import dev.paperboy.metrics.RecordingMetrics;
import dev.paperboy.subscriber.EmailAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacedMailerTest {
    private static final EmailAddress TO = EmailAddress.parse("reader@example.org");
    private static final long MS = 1_000_000L;

    private final List<Long> waits = new ArrayList<>();
    private final RecordingMetrics metrics = new RecordingMetrics();

    private PacedMailer around(DigestMailer mailer) {
        return new PacedMailer(mailer, new Pacer(1_000_000, System::nanoTime, nanos -> { }), metrics, waits::add);
    }

    @Test
    void throttledSendsWaitTwiceAsLongEachTimeUpToFiveSecondsThenGiveUp() {
        ScriptedMailer ses = new ScriptedMailer().alwaysFail(() -> new DigestMailer.Throttled("Maximum sending rate exceeded"));

        assertThrows(DigestMailer.Throttled.class, () -> around(ses).send("from@paperboy.test", TO, new byte[0]));

        assertEquals(List.of(100 * MS, 200 * MS, 400 * MS, 800 * MS, 1_600 * MS, 3_200 * MS), waits, "six waits, about 6 s in all");
        assertEquals(7, ses.attempts, "the first try and six retries");
        assertEquals(7, metrics.get("SesThrottled"), "every throttle counted");
        assertEquals(5_000, PacedMailer.waitMillis(6), "capped at 5 s");
    }

    @Test
    void aSendAcceptedAfterAThrottleReturnsItsMessageId() {
        ScriptedMailer ses = new ScriptedMailer().thenFail(() -> new DigestMailer.Throttled("busy"), 1);

        assertEquals("ses-1", around(ses).send("from@paperboy.test", TO, new byte[0]));
        assertEquals(List.of(100 * MS), waits);
    }

    @Test
    void refusalsOtherThanThrottlingAreNotRetried() {
        ScriptedMailer paused = new ScriptedMailer().alwaysFail(() -> new DigestMailer.Paused("paused"));
        assertThrows(DigestMailer.Paused.class, () -> around(paused).send("from@paperboy.test", TO, new byte[0]));
        assertEquals(1, paused.attempts);
        ScriptedMailer rejecting = new ScriptedMailer().alwaysFail(() -> new DigestMailer.Rejected("bad address"));
        assertThrows(DigestMailer.Rejected.class, () -> around(rejecting).send("from@paperboy.test", TO, new byte[0]));
        assertEquals(1, rejecting.attempts);
        assertEquals(List.of(), waits, "no wait");
    }

    @Test
    void everyAttemptWaitsForThePacer() throws InterruptedException {
        long[] now = {0};
        List<Long> paced = new ArrayList<>();
        Pacer pacer = new Pacer(4, () -> now[0], nanos -> {
            paced.add(nanos);
            now[0] += nanos;
        });
        ScriptedMailer ses = new ScriptedMailer().thenFail(() -> new DigestMailer.Throttled("busy"), 1);
        PacedMailer mailer = new PacedMailer(ses, pacer, metrics, nanos -> { });

        mailer.send("from@paperboy.test", TO, new byte[0]);

        assertEquals(List.of(250 * MS), paced, "the retry took its own slot, one interval after the first attempt");
    }
}
