package dev.paperboy.local;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What each function's priming test checks, against a test stack with the function's own
 * environment as the checkpoint would run it: every step reaches its service (an answer, even a
 * refusal, counts) and nothing is written: no item, no object, no message, no mail. Shared by the
 * function modules' priming tests (local cannot see the function modules, they can see local).
 */
public final class PrimingCheck {
    private PrimingCheck() {
    }

    /** The function's environment in {@code stack}, as template.yaml sets it. */
    public static Env environment(TestStack stack, String logicalId) {
        return new Env(stack.invoker().environment(logicalId, Map.of("PUBLIC_BASE_URL", "https://paperboy.test")));
    }

    /** Primes once; fails unless exactly {@code steps} ran, in order, each to its end or its service's answer, writing nothing. */
    public static void primesEveryStepWritingNothing(TestStack stack, Priming priming, List<String> steps) {
        int mailsBefore = new Outbox(stack.aws().endpoint()).all().size();

        List<Priming.Outcome> outcomes = priming.prime();

        check(steps.equals(outcomes.stream().map(Priming.Outcome::step).toList()), "every step ran once, in order: " + outcomes);
        check(outcomes.stream().allMatch(Priming.Outcome::ran), "every step reached its end or its service's answer: " + outcomes);
        AwsClients aws = stack.aws().clients();
        for (String table : List.of("PapersTable", "SubscribersTable")) {
            check(aws.dynamoDb().scan(r -> r.tableName(stack.name(table))).count() == 0, table + " has no item");
        }
        check(aws.s3().listObjectsV2(r -> r.bucket(stack.name("ArchiveBucket"))).contents().isEmpty(), "the archive has no object");
        for (String queue : List.of("DigestQueue", "DigestDeadLetterQueue")) {
            String waiting = aws.sqs().getQueueAttributes(r -> r.queueUrl(stack.aws().queueUrl(queue))
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            check("0".equals(waiting), queue + " has no message");
        }
        check(mailsBefore == new Outbox(stack.aws().endpoint()).all().size(), "no mail was sent");
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError(what);
        }
    }
}
