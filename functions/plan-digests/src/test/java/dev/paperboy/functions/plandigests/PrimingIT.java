package dev.paperboy.functions.plandigests;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.local.PrimingCheck;
import dev.paperboy.local.TestStack;
import dev.paperboy.metrics.Metrics;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PlanDigestsFunction's SnapStart priming, on its own wiring's graph, against the local AWS. */
class PrimingIT {
    @Test
    void primingReachesEveryServiceAndWritesNothing() {
        TestStack stack = TestStack.provision();
        Env env = PrimingCheck.environment(stack, "PlanDigestsFunction");
        PlanDigestsWiring wiring = new PlanDigestsWiring(env, new AwsClients(env), Clock.systemUTC(), Metrics.none());

        PrimingCheck.assertReachesEveryServiceAndWritesNothing(stack, wiring.priming(), List.of("jackson", "dynamodb", "sqs", "digest-job"));
    }
}
