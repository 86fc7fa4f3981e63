package dev.paperboy.functions.subscriptions;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A DynamoDB client around the local AWS's that applies conditional writes one at a time, as
 * DynamoDB does: moto's server checks a condition and writes without holding a lock, so two
 * racing writes from the same version can both succeed there (seen: 2 and 5 such pairs in runs of
 * RacingSubscriptionChangesIT without this). It also keeps, for every versioned write that succeeded,
 * the item as that write left it (UpdateItem asked to return it; PutItem's own item), and counts
 * the writes refused on their condition. It can also act as a writer that always gets there first:
 * after each read of an item it bumps the item's version, so that every write based on that read
 * fails its condition.
 */
final class SubscriberWriteLog implements InvocationHandler {
    private final List<Map<String, AttributeValue>> writes = new ArrayList<>();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong overtaken = new AtomicLong();
    private final Object conditionalWrites = new Object();
    private volatile boolean overtakeEveryRead;
    private DynamoDbClient target;

    DynamoDbClient wrap(DynamoDbClient client) {
        this.target = client;
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, this);
    }

    /** The items as the successful versioned writes left them, in the order they returned. */
    synchronized List<Map<String, AttributeValue>> writes() {
        return List.copyOf(writes);
    }

    synchronized void clear() {
        writes.clear();
        conflicts.set(0);
    }

    long conflicts() {
        return conflicts.get();
    }

    long overtaken() {
        return overtaken.get();
    }

    void overtakeEveryRead(boolean on) {
        overtakeEveryRead = on;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "updateItem" -> {
                UpdateItemRequest request = args[0] instanceof UpdateItemRequest r ? r
                        : UpdateItemRequest.builder().applyMutation((Consumer<UpdateItemRequest.Builder>) args[0]).build();
                boolean versioned = request.expressionAttributeNames().containsValue("version");
                try {
                    var response = serialized(request.conditionExpression(),
                            () -> target.updateItem(request.toBuilder().returnValues(ReturnValue.ALL_NEW).build()));
                    if (versioned) {
                        record(response.attributes());
                    }
                    return response;
                } catch (ConditionalCheckFailedException e) {
                    if (versioned) {
                        conflicts.incrementAndGet();
                    }
                    throw e;
                }
            }
            case "putItem" -> {
                PutItemRequest request = args[0] instanceof PutItemRequest r ? r
                        : PutItemRequest.builder().applyMutation((Consumer<PutItemRequest.Builder>) args[0]).build();
                try {
                    var response = serialized(request.conditionExpression(), () -> target.putItem(request));
                    record(request.item());
                    return response;
                } catch (ConditionalCheckFailedException e) {
                    conflicts.incrementAndGet();
                    throw e;
                }
            }
            case "getItem" -> {
                GetItemRequest request = args[0] instanceof GetItemRequest r ? r
                        : GetItemRequest.builder().applyMutation((Consumer<GetItemRequest.Builder>) args[0]).build();
                GetItemResponse response = target.getItem(request);
                if (overtakeEveryRead && response.hasItem() && !response.item().isEmpty()) {
                    target.updateItem(u -> u.tableName(request.tableName()).key(request.key())
                            .updateExpression("SET #v = #v + :one").expressionAttributeNames(Map.of("#v", "version"))
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                    overtaken.incrementAndGet();
                }
                return response;
            }
            default -> {
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
    }

    private <T> T serialized(String condition, java.util.function.Supplier<T> write) {
        if (condition == null || condition.isEmpty()) {
            return write.get();
        }
        synchronized (conditionalWrites) {
            return write.get();
        }
    }

    private synchronized void record(Map<String, AttributeValue> item) {
        writes.add(Map.copyOf(item));
    }
}
