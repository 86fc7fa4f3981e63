package dev.paperboy.subscriber;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Subscribers in SubscribersTable: {@code pk=SUB#<id>, sk=PROFILE}. Every change is conditional on
 * the version read, so of two racing changes one wins and the other re-reads and tries again.
 * A confirmed subscriber carries {@code dueKey} ({@code DAILY} or {@code WEEKLY#MONDAY}), the
 * partition of the sparse {@code byDue} index the digest planner pages through; a pending one
 * carries {@code expiresAt}, the table's TTL attribute.
 */
public final class SubscriberRepository {
    public static final String DUE_INDEX = "byDue";
    private static final String PROFILE = "PROFILE";

    private final DynamoDbClient db;
    private final String table;

    public SubscriberRepository(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    public Optional<Subscriber> find(String id) {
        var response = db.getItem(r -> r.tableName(table).key(key(id)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(fromItem(response.item())) : Optional.empty();
    }

    public Optional<Subscriber> findByEmail(EmailAddress email) {
        return find(SubscriberId.of(email));
    }

    /** Creates the subscriber unless one exists for the address; false if it does. */
    public boolean create(Subscriber subscriber, Optional<Instant> expiresAt) {
        Map<String, AttributeValue> item = itemOf(subscriber, expiresAt);
        try {
            db.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The subscriber as stored: key, attributes, its due key if it receives digests. Also what a bench seeds in bulk. */
    public static Map<String, AttributeValue> itemOf(Subscriber subscriber, Optional<Instant> expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(subscriber.id()));
        item.putAll(attributes(subscriber));
        dueKey(subscriber).ifPresent(due -> item.put("dueKey", s(due)));
        expiresAt.ifPresent(at -> item.put("expiresAt", n(at.getEpochSecond())));
        return item;
    }

    /** Writes the subscriber if nobody changed it since {@code expectedVersion}; false if someone did. */
    public boolean update(Subscriber next, long expectedVersion, Optional<Instant> expiresAt) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> a : attributes(next).entrySet()) {
            names.put("#a" + i, a.getKey());
            values.put(":a" + i, a.getValue());
            sets.add("#a" + i + " = :a" + i);
            i++;
        }
        names.put("#due", "dueKey");
        dueKey(next).ifPresentOrElse(due -> {
            values.put(":due", s(due));
            sets.add("#due = :due");
        }, () -> removes.add("#due"));
        names.put("#exp", "expiresAt");
        expiresAt.ifPresentOrElse(at -> {
            values.put(":exp", n(at.getEpochSecond()));
            sets.add("#exp = :exp");
        }, () -> removes.add("#exp"));
        if (next.confirmedAt().isEmpty()) {
            names.put("#conf", "confirmedAt");
            removes.add("#conf");
        }
        names.put("#version", "version");
        values.put(":expected", n(expectedVersion));
        String expression = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        try {
            db.updateItem(r -> r.tableName(table).key(key(next.id()))
                    .updateExpression(expression)
                    .conditionExpression("#version = :expected")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * The ids of the confirmed subscribers due under a key ({@code DAILY}, {@code WEEKLY#FRIDAY}),
     * a page of the sparse index at a time: memory stays flat however many there are.
     */
    public void forEachDue(String dueKey, java.util.function.Consumer<String> subscriberId) {
        db.queryPaginator(r -> r.tableName(table).indexName(DUE_INDEX)
                        .keyConditionExpression("dueKey = :due")
                        .expressionAttributeValues(Map.of(":due", s(dueKey)))
                        .limit(1000))
                .items()
                .forEach(item -> subscriberId.accept(item.get("pk").s().substring("SUB#".length())));
    }

    public static String dueKey(Preferences.Frequency frequency, DayOfWeek weeklyDay) {
        return frequency == Preferences.Frequency.DAILY ? "DAILY" : "WEEKLY#" + weeklyDay;
    }

    static Optional<String> dueKey(Subscriber subscriber) {
        if (!subscriber.receivesDigests()) {
            return Optional.empty();
        }
        Preferences p = subscriber.preferences();
        return Optional.of(dueKey(p.frequency(), p.weeklyDay()));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("pk", s("SUB#" + id), "sk", s(PROFILE));
    }

    private static Map<String, AttributeValue> attributes(Subscriber s) {
        Map<String, AttributeValue> a = new HashMap<>();
        a.put("id", s(s.id()));
        a.put("email", s(s.email().value()));
        a.put("status", s(s.status().name()));
        a.put("frequency", s(s.preferences().frequency().name()));
        a.put("weeklyDay", s(s.preferences().weeklyDay().name()));
        a.put("keywords", AttributeValue.fromL(s.preferences().keywords().stream().map(SubscriberRepository::s).toList()));
        a.put("maxPapers", n(s.preferences().maxPapers()));
        a.put("minUpvotes", n(s.preferences().minUpvotes()));
        a.put("createdAt", s(s.createdAt().toString()));
        a.put("updatedAt", s(s.updatedAt().toString()));
        s.confirmedAt().ifPresent(at -> a.put("confirmedAt", s(at.toString())));
        a.put("version", n(s.version()));
        return a;
    }

    static Subscriber fromItem(Map<String, AttributeValue> item) {
        Preferences preferences = new Preferences(
                Preferences.Frequency.valueOf(item.get("frequency").s()),
                DayOfWeek.valueOf(item.get("weeklyDay").s()),
                item.containsKey("keywords") ? item.get("keywords").l().stream().map(AttributeValue::s).toList() : List.of(),
                Integer.parseInt(item.get("maxPapers").n()),
                Integer.parseInt(item.get("minUpvotes").n()));
        return new Subscriber(
                item.get("id").s(),
                new EmailAddress(item.get("email").s()),
                Subscriber.Status.valueOf(item.get("status").s()),
                preferences,
                Instant.parse(item.get("createdAt").s()),
                Instant.parse(item.get("updatedAt").s()),
                Optional.ofNullable(item.get("confirmedAt")).map(v -> Instant.parse(v.s())),
                Long.parseLong(item.get("version").n()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
