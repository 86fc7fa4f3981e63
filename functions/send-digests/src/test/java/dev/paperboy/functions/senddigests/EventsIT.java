package dev.paperboy.functions.senddigests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.local.LocalInvoker;
import dev.paperboy.local.SampleEvents;
import dev.paperboy.local.TestStack;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every sample event in events/send-digests through the packaged function, as `make invoke` runs it. */
class EventsIT {
    @Test
    void theSampleBatchIsHandledAndNothingIsLeftToRetry() {
        TestStack stack = TestStack.provision();
        Map<String, LocalInvoker.Invocation> results = SampleEvents.invokeAll(stack, "SendDigestsFunction", "events/send-digests",
                Map.of("PUBLIC_BASE_URL", "https://paperboy.test"));

        for (var result : results.entrySet()) {
            assertTrue(result.getValue().succeeded(), result.getKey() + ": " + result.getValue().logs());
            assertEquals("{\"batchItemFailures\":[]}", result.getValue().response().strip(), result.getKey());
            assertTrue(result.getValue().logs().contains("\"NOT_DUE\":1"), "the sample's subscriber does not exist: " + result.getValue().logs());
        }
    }
}
