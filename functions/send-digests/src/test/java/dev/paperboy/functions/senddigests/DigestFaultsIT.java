package dev.paperboy.functions.senddigests;

import static dev.paperboy.local.ReliabilityReport.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.local.FaultProxy;
import dev.paperboy.local.FaultProxy.Fault;
import dev.paperboy.local.ReliabilityReport;
import dev.paperboy.local.ReliabilityReport.Row;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's digest-sending scenarios on the local AWS: faults injected between the send function
 * and AWS by {@link FaultProxy}, or by a wrapper inside the function's process. Each test records
 * what it observed (a row of docs/reliability.md) before it asserts.
 */
class DigestFaultsIT {

    @Test
    void sesThrottlingDelaysDigestsButEveryoneGetsExactlyOne() {
        try (DigestStage stage = DigestStage.start(30, 1)) {
            stage.proxy.inject(Fault.of("ses-throttle", FaultProxy.sesSendEmail(), 0.2, FaultProxy.sesThrottle()));
            var plan = stage.plan();
            DigestStage.Delivery delivery = stage.drain(stage::handler, 20);
            DigestStage.Tally tally = stage.tally();

            ReliabilityReport.record(new Row("1-ses-throttling", "SES throttles a fifth of the digest sends",
                    "SES v2 SendEmail answers 429 TooManyRequestsException at rate 0.2 (seed 1)",
                    counts("due", tally.due(), "mailed", tally.mailed(), "duplicates", tally.duplicates(), "lost", tally.lost(),
                            "sesCalls", stage.proxy.matched("ses-throttle"), "injected", stage.proxy.injected("ses-throttle"),
                            "redelivered", delivery.redelivered()),
                    tally.lost() + tally.duplicates() == 0
                            ? "every due subscriber got exactly one digest; the throttled sends were retried with backoff"
                            + (delivery.redelivered() > 0 ? ", and messages whose retries ran out went back to the queue with their claims released" : "")
                            : "NOT exactly once: see the counts"));

            assertEquals(30, plan.subscribers());
            assertTrue(stage.proxy.injected("ses-throttle") > 0, "the fault was injected");
            assertEquals(new DigestStage.Tally(30, 30, 0, 0), tally);
            assertEquals(0, stage.messagesLeft());
        }
    }
}
