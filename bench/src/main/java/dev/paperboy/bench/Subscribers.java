package dev.paperboy.bench;

import dev.paperboy.keys.Keys;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberItems;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Confirmed daily subscribers written in bulk (BatchWriteItem, 25 an item, a few at once), as the repository stores them. */
final class Subscribers {
    private static final List<String> KEYWORDS = List.of("diffusion", "agents", "robots", "language models", "reasoning", "vision");

    private Subscribers() {
    }

    static Subscriber confirmed(Keys keys, String run, int i) {
        EmailAddress email = new EmailAddress("reader" + i + "-" + run + "@example.org");
        Instant at = Instant.parse("2025-08-01T12:00:00Z");
        List<String> keywords = i % 3 == 0 ? List.of() : List.of(KEYWORDS.get(i % KEYWORDS.size()));
        return new Subscriber(SubscriberId.of(keys, email), email, Subscriber.Status.CONFIRMED,
                new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, keywords, 10, 0), at, at, Optional.of(at), 1);
    }

    /** Writes subscribers 0 to count-1 of this run; returns the seconds it took. */
    static double seed(DynamoDbClient db, String table, Keys keys, String run, int count) throws Exception {
        return seed(db, table, count, i -> confirmed(keys, run, i));
    }

    /** Writes {@code subscriber.apply(i)} for i from 0 to count-1; returns the seconds it took. */
    static double seed(DynamoDbClient db, String table, int count, IntFunction<Subscriber> subscriber) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int from = 0; from < count; from += 25) {
                int first = from;
                batches.add(pool.submit(() -> {
                    List<WriteRequest> writes = new ArrayList<>();
                    for (int i = first; i < Math.min(count, first + 25); i++) {
                        writes.add(WriteRequest.builder().putRequest(PutRequest.builder()
                                .item(SubscriberItems.profile(subscriber.apply(i), Optional.empty())).build()).build());
                    }
                    Map<String, List<WriteRequest>> request = Map.of(table, writes);
                    while (!request.isEmpty()) {
                        Map<String, List<WriteRequest>> current = request;
                        var response = db.batchWriteItem(r -> r.requestItems(current));
                        request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                    }
                }));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("pk", AttributeValue.fromS("SUB#" + id), "sk", AttributeValue.fromS("PROFILE"));
    }
}
