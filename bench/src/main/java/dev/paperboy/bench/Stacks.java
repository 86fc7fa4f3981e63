package dev.paperboy.bench;

import dev.paperboy.local.TestStack;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** Tables, queues and secrets of a measurement's stack dropped when it is done, so the local AWS stays small for what runs next. */
final class Stacks {
    private Stacks() {
    }

    static void drop(TestStack stack) {
        var aws = stack.aws().clients();
        var dynamoDb = aws.dynamoDb();
        var sqs = aws.sqs();
        stack.template().resources().forEach((logicalId, resource) -> {
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::DynamoDB::Table" -> {
                    try {
                        dynamoDb.deleteTable(r -> r.tableName(stack.name(logicalId)));
                    } catch (ResourceNotFoundException gone) {
                        // already dropped
                    }
                }
                case "AWS::SQS::Queue" -> {
                    try {
                        sqs.deleteQueue(r -> r.queueUrl(stack.aws().queueUrl(logicalId)));
                    } catch (QueueDoesNotExistException gone) {
                        // already dropped
                    }
                }
                case "AWS::SecretsManager::Secret" -> {
                    try {
                        aws.secretsManager().deleteSecret(r -> r.secretId(stack.name(logicalId)).forceDeleteWithoutRecovery(true));
                    } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException gone) {
                        // already dropped
                    }
                }
                default -> {
                    // buckets and the rest are small; they stay
                }
            }
        });
    }
}
