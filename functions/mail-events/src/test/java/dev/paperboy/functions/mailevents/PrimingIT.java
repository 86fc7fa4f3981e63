package dev.paperboy.functions.mailevents;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.local.PrimingCheck;
import dev.paperboy.local.TestStack;
import dev.paperboy.metrics.Metrics;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MailEventsFunction's SnapStart priming, on its own wiring's graph, against the local AWS. */
class PrimingIT {
    @Test
    void primingReachesEveryServiceAndWritesNothing() {
        TestStack stack = TestStack.provision();
        Env env = PrimingCheck.environment(stack, "MailEventsFunction");
        MailEventsWiring wiring = new MailEventsWiring(env, new AwsClients(env), Clock.systemUTC(), Metrics.none());

        PrimingCheck.assertReachesEveryServiceAndWritesNothing(stack, wiring.priming(), List.of("sns-event", "dynamodb"));
    }
}
