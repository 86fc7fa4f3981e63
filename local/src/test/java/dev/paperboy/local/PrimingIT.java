package dev.paperboy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.digest.DigestWiring;
import dev.paperboy.fetch.FetchPapers;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function's SnapStart priming, run against the local AWS with the function's own
 * environment as the checkpoint would run it: every step reaches its service (an answer, even a
 * refusal, counts) and nothing is written: no item, no object, no message, no mail.
 * SubscriptionsApiFunction's priming lives with its wiring, in its module (SubscriptionsApiPrimingIT).
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
        Env env = new Env(stack.invoker().environment(logicalId, Map.of("PUBLIC_BASE_URL", "https://paperboy.test")));
        int mailsBefore = PrimingCheck.mails(stack);

        List<Priming.Outcome> outcomes = factory.apply(env, new AwsClients(env)).prime();

        assertEquals(steps, outcomes.stream().map(Priming.Outcome::step).toList(), "every step ran once, in order");
        assertTrue(outcomes.stream().allMatch(Priming.Outcome::ran), "every step reached its end or its service's answer: " + outcomes);
        assertNothingWritten(mailsBefore);
    }

    private static void assertNothingWritten(int mailsBefore) {
        PrimingCheck.stored(stack).forEach((where, count) -> assertEquals(0, count, where + ": none"));
        assertEquals(mailsBefore, PrimingCheck.mails(stack), "no mail was sent");
    }
}
