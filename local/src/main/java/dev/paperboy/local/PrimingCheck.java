package dev.paperboy.local;

import dev.paperboy.aws.AwsClients;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What a SnapStart priming must leave untouched in a test stack: the tables' items, the archive's
 * objects, the queues' messages and the local SES's outbox. Each function's priming test counts
 * them around its priming (PrimingIT in local, one IT in each function module).
 */
public final class PrimingCheck {
    private PrimingCheck() {
    }

    /** Items, objects and messages in the stack, by where they lie (for example "PapersTable items"). */
    public static Map<String, Long> stored(TestStack stack) {
        AwsClients aws = stack.aws().clients();
        Map<String, Long> stored = new LinkedHashMap<>();
        for (String table : List.of("PapersTable", "SubscribersTable")) {
            stored.put(table + " items", (long) aws.dynamoDb().scan(r -> r.tableName(stack.name(table))).count());
        }
        stored.put("ArchiveBucket objects", (long) aws.s3().listObjectsV2(r -> r.bucket(stack.name("ArchiveBucket"))).contents().size());
        for (String queue : List.of("DigestQueue", "DigestDeadLetterQueue")) {
            String waiting = aws.sqs().getQueueAttributes(r -> r.queueUrl(stack.aws().queueUrl(queue))
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            stored.put(queue + " messages", Long.parseLong(waiting));
        }
        return stored;
    }

    /** Mails the local SES has taken so far. */
    public static int mails(TestStack stack) {
        return new Outbox(stack.aws().endpoint()).all().size();
    }
}
