package dev.paperboy.digest;

import dev.paperboy.subscriber.Period;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.paperboy.json.Json;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.subscriber.SubscriberRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Enqueues a period's digests: pages through the subscribers due (the sparse index, a thousand
 * ids a page), packs {@link DigestJob#MAX_SUBSCRIBERS} ids a message and ten messages a
 * SendMessageBatch. Memory holds one batch (250 ids) whatever the number of subscribers; a
 * million subscribers is 4,000 SQS requests. Running it twice enqueues twice and sends once:
 * the sender's claims make it safe.
 */
public final class DigestPlanner {
    private static final int BATCH = 10;
    private static final int MAX_BATCH_ATTEMPTS = 5;

    private final SubscriberRepository subscribers;
    private final SqsClient sqs;
    private final String queueUrl;
    private final Metrics metrics;

    public record Plan(String period, String dueKey, int subscribers, int messages, int sqsRequests) {
    }

    public DigestPlanner(SubscriberRepository subscribers, SqsClient sqs, String queueUrl, Metrics metrics) {
        this.subscribers = subscribers;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.metrics = metrics;
    }

    public Plan plan(Period period, String dueKey) {
        Batches batches = new Batches(period);
        subscribers.forEachDue(dueKey, batches::add);
        batches.flush();
        metrics.count("DigestsPlanned", batches.subscribers);
        metrics.count("DigestMessagesEnqueued", batches.messages);
        return new Plan(period.id(), dueKey, batches.subscribers, batches.messages, batches.requests);
    }

    /** Packs ids into jobs and jobs into SendMessageBatch calls, counting as it goes. */
    private final class Batches {
        private final Period period;
        private final List<String> ids = new ArrayList<>(DigestJob.MAX_SUBSCRIBERS);
        private final List<DigestJob> jobs = new ArrayList<>(BATCH);
        private int subscribers;
        private int messages;
        private int requests;

        Batches(Period period) {
            this.period = period;
        }

        void add(String id) {
            ids.add(id);
            subscribers++;
            if (ids.size() == DigestJob.MAX_SUBSCRIBERS) {
                closeJob();
                if (jobs.size() == BATCH) {
                    send();
                }
            }
        }

        void flush() {
            closeJob();
            send();
        }

        private void closeJob() {
            if (!ids.isEmpty()) {
                jobs.add(new DigestJob(period.id(), ids));
                ids.clear();
            }
        }

        private void send() {
            if (!jobs.isEmpty()) {
                requests += enqueue(jobs);
                messages += jobs.size();
                jobs.clear();
            }
        }
    }

    /** Sends one batch, retrying the entries SQS did not take; returns the requests it made. */
    private int enqueue(List<DigestJob> jobs) {
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

    private static String json(DigestJob job) {
        try {
            return Json.MAPPER.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
