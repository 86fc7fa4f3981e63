package dev.paperboy.subscriber;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Subscribers in SubscribersTable (their items' shape: {@link SubscriberItems}). Every change is
 * conditional on the version read, so of two racing changes one wins and the other re-reads and
 * tries again. A suppressed mailbox keeps a suppression record after its profile (and address)
 * is erased.
 */
public final class SubscriberRepository {
    private final DynamoDbClient db;
    private final String table;

    public SubscriberRepository(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    public Optional<Subscriber> find(String id) {
        var response = db.getItem(r -> r.tableName(table).key(SubscriberItems.profileKey(id)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(SubscriberItems.subscriber(response.item())) : Optional.empty();
    }

    /**
     * Remembers that this mailbox must never be mailed again, after its profile (and address) is
     * erased. Writing it twice is harmless.
     */
    public void recordSuppression(String id, String reason, Instant now) {
        db.putItem(r -> r.tableName(table).item(SubscriberItems.suppression(id, reason, now)));
    }

    public boolean isSuppressed(String id) {
        var response = db.getItem(r -> r.tableName(table).key(SubscriberItems.suppressionKey(id)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty();
    }

    /** Creates the subscriber unless one exists for the address; false if it does. */
    public boolean create(Subscriber subscriber, Optional<Instant> expiresAt) {
        SubscriberItems.zoneToRegister(Optional.empty(), subscriber).ifPresent(this::registerZone);
        Map<String, AttributeValue> item = SubscriberItems.profile(subscriber, expiresAt);
        try {
            db.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Writes {@code next} over {@code before} if nobody changed it since; false if someone did. */
    public boolean update(Subscriber before, Subscriber next, Optional<Instant> expiresAt) {
        SubscriberItems.zoneToRegister(Optional.of(before), next).ifPresent(this::registerZone);
        SubscriberItems.Update update = SubscriberItems.profileUpdate(next, before.version(), expiresAt);
        try {
            db.updateItem(r -> r.tableName(table).key(SubscriberItems.profileKey(next.id()))
                    .updateExpression(update.expression())
                    .conditionExpression(update.condition())
                    .expressionAttributeNames(update.names())
                    .expressionAttributeValues(update.values()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * The ids of the confirmed subscribers of one schedule, a page of the sparse index (a thousand
     * ids) at a time: memory stays flat however many there are.
     */
    public void forEachDue(Schedule schedule, Consumer<String> subscriberId) {
        forEachDue(SubscriberItems.dueKey(schedule), subscriberId);
    }

    /**
     * The zones some subscriber's schedule names (the default zone always): one read of the
     * registry, so the planner knows which due partitions exist without reading any subscriber.
     */
    public Set<ZoneId> zonesInUse() {
        // Consistent: a zone registered just before a run is planned by it.
        var response = db.getItem(r -> r.tableName(table).key(SubscriberItems.dueZonesKey()).consistentRead(true));
        return SubscriberItems.dueZones(response.hasItem() ? response.item() : Map.of());
    }

    /**
     * Adds a zone to the registry (ADD to a set: a retry or a second subscriber in the zone changes
     * nothing). Called before a profile names the zone; also what a bench seeding in bulk calls.
     * Never removed: see SubscriberItems.
     */
    public void registerZone(ZoneId zone) {
        db.updateItem(r -> r.tableName(table)
                .key(SubscriberItems.dueZonesKey())
                .updateExpression("ADD #zones :zone")
                .expressionAttributeNames(Map.of("#zones", SubscriberItems.ZONES))
                .expressionAttributeValues(Map.of(":zone", AttributeValue.fromSs(List.of(zone.getId())))));
    }

    /** One query of the due index that finds nobody: its request path warmed, nothing read (SnapStart priming). */
    public void queryDueIndexForNobody() {
        forEachDue(SubscriberItems.NOBODY_DUE, id -> { });
    }

    private void forEachDue(String dueKey, Consumer<String> subscriberId) {
        db.queryPaginator(r -> r.tableName(table).indexName(SubscriberItems.DUE_INDEX)
                        .keyConditionExpression(SubscriberItems.DUE_KEY + " = :due")
                        .expressionAttributeValues(Map.of(":due", SubscriberItems.s(dueKey)))
                        .limit(1000))
                .items()
                .forEach(item -> subscriberId.accept(SubscriberItems.subscriberIdOf(item)));
    }
}
