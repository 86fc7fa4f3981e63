package dev.paperboy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperboy.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What Lambda's SQS event source does, on the local AWS: receives a batch, hands it to the
 * function as an SQS event, deletes the messages the function did not report as failed.
 * Failed ones become visible again after the queue's visibility timeout, as in AWS.
 */
public final class QueuePoller {
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;

    public record Drained(int batches, int messages, int failed) {
    }

    public QueuePoller(SqsClient sqs, String queueUrl, String queueArn) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
    }

    /** Delivers batches of up to {@code batchSize} until the queue has nothing visible. */
    public Drained drain(int batchSize, Function<byte[], String> function) {
        int batches = 0;
        int messages = 0;
        int failed = 0;
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                    .visibilityTimeout(30).messageSystemAttributeNamesWithStrings("All")).messages();
            if (batch.isEmpty()) {
                return new Drained(batches, messages, failed);
            }
            Set<String> failures = failures(function.apply(event(batch)));
            for (Message message : batch) {
                if (!failures.contains(message.messageId())) {
                    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
            }
            batches++;
            messages += batch.size();
            failed += failures.size();
            if (failures.size() == batch.size()) {
                return new Drained(batches, messages, failed); // nothing moves; leave them for the redrive
            }
        }
    }

    public byte[] event(List<Message> batch) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : batch) {
            ObjectNode record = records.addObject();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            ObjectNode attributes = record.putObject("attributes");
            m.attributesAsStrings().forEach(attributes::put);
            record.putObject("messageAttributes");
            record.put("md5OfBody", m.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", "us-east-1");
        }
        try {
            return Json.MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> failures(String response) {
        Set<String> ids = new HashSet<>();
        try {
            JsonNode json = Json.MAPPER.readTree(response);
            json.path("batchItemFailures").forEach(f -> ids.add(f.path("itemIdentifier").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("the function's answer is not a batch response: " + response, e);
        }
        return ids;
    }

}
