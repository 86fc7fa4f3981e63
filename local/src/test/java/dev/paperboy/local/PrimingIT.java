package dev.paperboy.local;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.digest.DigestWiring;
import dev.paperboy.fetch.FetchPapers;
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
 * Each function's SnapStart priming, checked by {@link PrimingCheck} (PlanDigestsFunction's and
 * MailEventsFunction's in their own modules).
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
                Arguments.of("FetchPapersFunction", (BiFunction<Env, AwsClients, Priming>) (env, aws) -> FetchPapers.priming(env, aws, clock),
                        List.of("jackson", "parser", "dynamodb", "s3")),
                Arguments.of("SubscriptionsApiFunction", (BiFunction<Env, AwsClients, Priming>) (env, aws) -> SubscriptionsApiWiring.priming(env, aws, clock),
                        List.of("http-mapping", "dynamodb", "s3", "ses", "render")),
                Arguments.of("SendDigestsFunction", (BiFunction<Env, AwsClients, Priming>) (env, aws) -> DigestWiring.senderPriming(env, aws, clock),
                        List.of("jackson", "digest-job", "dynamodb", "s3", "ses", "render")));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void primingReachesEveryServiceAndWritesNothing(String logicalId, BiFunction<Env, AwsClients, Priming> factory, List<String> steps) {
        Env env = PrimingCheck.environment(stack, logicalId);
        PrimingCheck.assertReachesEveryServiceAndWritesNothing(stack, factory.apply(env, new AwsClients(env)), steps);
    }
}
