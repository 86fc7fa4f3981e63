package dev.paperboy.functions.fetch;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.local.PrimingCheck;
import dev.paperboy.local.TestStack;
import dev.paperboy.metrics.Metrics;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FetchPapersFunction's SnapStart priming, run against the local AWS with the function's own
 * environment as the checkpoint would run it: every step reaches its service and nothing is
 * written (see PrimingCheck), from the graph the handler uses.
 */
class FetchPapersPrimingIT {
    @Test
    void primingReachesEveryServiceAndWritesNothing() {
        TestStack stack = TestStack.provision();
        Env env = PrimingCheck.environment(stack, "FetchPapersFunction");
        FetchPapersWiring wiring = new FetchPapersWiring(env, new AwsClients(env), Clock.systemUTC(), Metrics.none());

        PrimingCheck.assertReachesEveryServiceAndWritesNothing(stack, wiring.priming(), List.of("jackson", "parser", "dynamodb", "s3"));
    }
}
