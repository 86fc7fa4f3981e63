package dev.paperboy.local;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.digest.DigestWiring;
import dev.paperboy.web.SubscriptionsApiWiring;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function's SnapStart priming, run against the local AWS with the function's own
 * environment as the checkpoint would run it (see PrimingCheck). FetchPapersFunction's is in its
 * own module (FetchPapersPrimingIT): its wiring lives there.
 */
class PrimingIT {
    private static TestStack stack;

    @BeforeAll
    static void provision() {
        stack = TestStack.provision();
    }

    static Stream<Arguments> functions() {
        Clock clock = Clock.systemUTC();
        return Stream.of(
                Arguments.of("SubscriptionsApiFunction", (BiFunction<Env, AwsClients, Priming>) (env, aws) -> SubscriptionsApiWiring.priming(env, aws, clock),
                        List.of("http-mapping", "dynamodb", "s3", "ses", "render")),
                Arguments.of("PlanDigestsFunction", (BiFunction<Env, AwsClients, Priming>) DigestWiring::plannerPriming,
                        List.of("jackson", "dynamodb", "sqs", "digest-job")),
                Arguments.of("SendDigestsFunction", (BiFunction<Env, AwsClients, Priming>) (env, aws) -> DigestWiring.senderPriming(env, aws, clock),
                        List.of("jackson", "digest-job", "dynamodb", "s3", "ses", "render")),
                Arguments.of("MailEventsFunction", (BiFunction<Env, AwsClients, Priming>) DigestWiring::mailEventsPriming,
                        List.of("sns-event", "dynamodb")));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void primingReachesEveryServiceAndWritesNothing(String logicalId, BiFunction<Env, AwsClients, Priming> factory, List<String> steps) {
        Env env = PrimingCheck.environment(stack, logicalId);

        PrimingCheck.primesEveryStepWritingNothing(stack, factory.apply(env, new AwsClients(env)), steps);
    }
}
