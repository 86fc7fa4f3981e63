package dev.paperboy.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.paperboy.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** The digest queue on SQS: one SendMessageBatch, and again for the entries SQS did not take. */
public final class SqsDigestQueue implements DigestQueue {
    private static final int MAX_BATCH_ATTEMPTS = 5;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsDigestQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public int enqueue(List<DigestJob> jobs) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (DigestJob job : jobs) {
            entries.add(SendMessageBatchRequestEntry.builder().id(UUID.randomUUID().toString()).messageBody(json(job)).build());
        }
        int requests = 0;
        while (!entries.isEmpty()) {
            if (requests == MAX_BATCH_ATTEMPTS) {
                throw new IllegalStateException("SQS kept refusing " + entries.size() + " digest messages");
            }
            List<SendMessageBatchRequestEntry> current = entries;
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(current));
            requests++;
            List<String> failed = response.failed().stream().map(f -> f.id()).toList();
            entries = current.stream().filter(e -> failed.contains(e.id())).toList();
        }
        return requests;
    }

    static String json(DigestJob job) {
        try {
            return Json.MAPPER.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
