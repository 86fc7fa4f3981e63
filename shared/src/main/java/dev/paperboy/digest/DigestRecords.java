package dev.paperboy.digest;

import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.SubscriberItems;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One record per subscriber and period in SubscribersTable ({@code pk=SUB#<id>, sk=DIGEST#<period>}):
 * claimed before sending, marked just before the mail is handed to SES, then marked sent (with the
 * SES message id) or skipped; a digest for a subscriber who takes no mail is marked delivered to the
 * feed instead. The papers of recent records (written with the mark, so also those of a mail whose
 * SENT record was lost) are the subscriber's sent-paper history; records expire by the table's TTL.
 * Those sent or delivered to the feed are also the subscriber's private feed ({@link #delivered}).
 */
public final class DigestRecords implements DigestLedger, DigestHistory {
    /** The statuses of a delivered digest: mailed, or put in the feed of a subscriber who takes no mail. */
    private static final String SENT = "SENT";
    private static final String FEED_ONLY = "FEED_ONLY";

    /**
     * How long a record is kept: the history the sender reads ({@link DigestLedger#SENT_HISTORY}) and a
     * margin, because a period is not always sent on its list day (a message waits in the queue up to 4
     * days and may be redriven from its dead-letter queue within 14), while a record's lifetime counts
     * from its claim. Shorter, and a paper could be sent again to a subscriber whose record expired
     * inside the window; DigestRecordsLifetimeTest holds the two together.
     */
    public static final Duration HISTORY = SENT_HISTORY.plus(Duration.ofDays(30));
    /**
     * A claim this old that never got as far as the SES call belongs to an invocation that has ended
     * (SendDigestsFunction's timeout is 120 s), so its digest was never handed to SES and the claim
     * is taken over. The queue hands a message back only after its visibility timeout (720 s), so a
     * redelivery after a crash finds such a claim abandoned, while the same subscriber planned twice
     * at once finds it fresh and skips it. Both figures are in template.yaml; TemplateRulesTest holds
     * them on either side of this one.
     */
    public static final Duration CLAIM_ABANDONED_AFTER = Duration.ofMinutes(5);

    private final DynamoDbClient db;
    private final String table;

    public DigestRecords(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    @Override
    public Claim claim(String subscriberId, Period period, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(subscriberId, period));
        item.put("status", s("SENDING"));
        item.put("claimedAt", s(now.toString()));
        item.put("claimedAtSecond", n(now.getEpochSecond()));
        item.put("expiresAt", n(now.plus(HISTORY).getEpochSecond()));
        try {
            db.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR (#status = :sending AND attribute_not_exists(sesCalledAt)"
                            + " AND claimedAtSecond < :abandoned)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":sending", s("SENDING"),
                            ":abandoned", n(now.minus(CLAIM_ABANDONED_AFTER).getEpochSecond()))));
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException e) {
            return Claim.TAKEN;
        }
    }

    /**
     * Written just before the mail goes to SES: from here on the send may have happened, so the claim
     * is never taken over, and its papers count as sent ({@link #sentPapers}) even if the SENT record
     * after the call is never written. Fails when the claim is no longer ours (then nothing may be sent).
     */
    @Override
    public void markHandedToSes(String subscriberId, Period period, List<String> paperIds, Instant now) {
        db.updateItem(r -> r.tableName(table).key(key(subscriberId, period))
                .updateExpression("SET sesCalledAt = :now, paperIds = :papers")
                .conditionExpression("#status = :sending")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":now", s(now.toString()), ":sending", s("SENDING"), ":papers", papers(paperIds))));
    }

    @Override
    public void markSent(String subscriberId, Period period, String messageId, List<String> paperIds, String archiveKey, Instant now) {
        db.updateItem(r -> r.tableName(table).key(key(subscriberId, period))
                .updateExpression("SET #status = :sent, messageId = :id, paperIds = :papers, archiveKey = :key, sentAt = :now")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":sent", s(SENT), ":id", s(messageId),
                        ":papers", papers(paperIds),
                        ":key", s(archiveKey), ":now", s(now.toString()))));
    }

    @Override
    public void markDeliveredToFeed(String subscriberId, Period period, List<String> paperIds, Instant now) {
        db.updateItem(r -> r.tableName(table).key(key(subscriberId, period))
                .updateExpression("SET #status = :feed, paperIds = :papers, sentAt = :now")
                .conditionExpression("#status = :sending")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":feed", s(FEED_ONLY), ":sending", s("SENDING"), ":papers", papers(paperIds),
                        ":now", s(now.toString()))));
    }

    /**
     * Newest first, as the sort keys sort ({@link Period#id()} begins with its date). A subscriber has
     * at most one record a period for {@link #HISTORY}, so the query reads a few hundred small items at most.
     */
    @Override
    public List<Delivered> delivered(String subscriberId, int max) {
        return db.queryPaginator(r -> r.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :digest)")
                        .filterExpression("#status IN (:sent, :feed)")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":pk", s(SubscriberItems.partitionKey(subscriberId)), ":digest", s("DIGEST#"),
                                ":sent", s(SENT), ":feed", s(FEED_ONLY)))
                        .projectionExpression("sk, paperIds, sentAt")
                        .scanIndexForward(false))
                .items().stream()
                .limit(max)
                .map(DigestRecords::delivered)
                .toList();
    }

    private static Delivered delivered(Map<String, AttributeValue> item) {
        Period period = Period.parse(item.get("sk").s().substring("DIGEST#".length()));
        Instant at = item.containsKey("sentAt") ? Instant.parse(item.get("sentAt").s()) : period.listDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        List<String> papers = item.containsKey("paperIds") ? item.get("paperIds").l().stream().map(AttributeValue::s).toList() : List.of();
        return new Delivered(period, at, papers);
    }

    /** An empty digest: recorded so that the period is done for this subscriber. */
    @Override
    public boolean recordSkipped(String subscriberId, Period period, String reason, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(subscriberId, period));
        item.put("status", s("SKIPPED"));
        item.put("reason", s(reason));
        item.put("claimedAt", s(now.toString()));
        item.put("expiresAt", n(now.plus(HISTORY).getEpochSecond()));
        try {
            db.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Gives a claim back when SES refused the mail: nothing was sent, a later delivery may send it. */
    @Override
    public void release(String subscriberId, Period period) {
        try {
            db.deleteItem(r -> r.tableName(table).key(key(subscriberId, period))
                    .conditionExpression("#status = :sending")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":sending", s("SENDING"))));
        } catch (ConditionalCheckFailedException alreadyDone) {
            // someone else finished it: nothing to give back
        }
    }

    /** SES refused the mail for good (a bad address): the period is done, nothing to retry, no paper was sent. */
    @Override
    public void markFailed(String subscriberId, Period period, String reason) {
        db.updateItem(r -> r.tableName(table).key(key(subscriberId, period))
                .updateExpression("SET #status = :failed, reason = :reason REMOVE paperIds")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":failed", s("FAILED"), ":reason", s(reason))));
    }

    /** The papers sent to the subscriber in digests since the given day: never send one twice. */
    @Override
    public Set<String> sentPapers(String subscriberId, LocalDate since) {
        Set<String> ids = new HashSet<>();
        db.queryPaginator(r -> r.tableName(table)
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :since AND :end")
                        .expressionAttributeValues(Map.of(":pk", s(SubscriberItems.partitionKey(subscriberId)), ":since", s("DIGEST#" + since),
                                ":end", s("DIGEST#~")))
                        .projectionExpression("paperIds"))
                .items()
                .forEach(item -> {
                    if (item.containsKey("paperIds")) {
                        item.get("paperIds").l().forEach(v -> ids.add(v.s()));
                    }
                });
        return ids;
    }

    private static Map<String, AttributeValue> key(String subscriberId, Period period) {
        return Map.of("pk", s(SubscriberItems.partitionKey(subscriberId)), "sk", s("DIGEST#" + period.id()));
    }

    private static AttributeValue papers(List<String> paperIds) {
        return AttributeValue.fromL(paperIds.stream().map(DigestRecords::s).toList());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
