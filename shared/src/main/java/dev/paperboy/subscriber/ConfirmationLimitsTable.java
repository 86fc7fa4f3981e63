package dev.paperboy.subscriber;

import dev.paperboy.keys.Keys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The confirmation-mail limits as conditional counters in SubscribersTable, so that they hold
 * across containers; each item expires by the table's TTL ({@code expiresAt}). This class alone
 * knows their shape:
 *
 * <table>
 *   <tr><th>pk</th><th>sk</th><th>holds</th></tr>
 *   <tr><td>{@code MAILBOX#<keyed hash>}</td><td>{@code CONFIRMATIONS}</td>
 *       <td>{@code lastAt} (epoch s of the last mail), {@code windowStartedAt}, {@code mails} in that 24 h window</td></tr>
 *   <tr><td>{@code LIMIT#CONFIRMATIONS}</td><td>{@code HOUR#2025-08-29T14}</td><td>{@code mails} in that hour (the global cap)</td></tr>
 *   <tr><td>{@code LIMIT#CONFIRMATIONS}</td><td>{@code RATE}</td><td>{@code nextAt} (epoch ms): the fleet-wide pacer of the SES share</td></tr>
 * </table>
 *
 * <p>Checked in that order: a mailbox that is limited costs nothing of the global cap (one person
 * hammering one address must not use it up for everyone), and a step that refuses gives back
 * what the steps before it took.
 */
public final class ConfirmationLimitsTable implements ConfirmationLimits {
    /** Waits; a test's moves its clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final String LIMIT_PK = "LIMIT#CONFIRMATIONS";
    private static final AttributeValue ONE = n(1);
    /** More than Lambda hosts' clocks differ by (they are NTP-synchronised to milliseconds). */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(1);

    private final DynamoDbClient db;
    private final String table;
    private final Keys keys;
    private final int hourlyCap;
    private final long slotMillis;
    private final Duration rateWait;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param keys          key the hash of a mailbox in its counter's key (their mailbox subkey)
     * @param hourlyCap     confirmation mails per clock hour, all mailboxes together
     * @param mailsPerSecond the share of the SES rate confirmations may use, fleet-wide
     * @param rateWait      how long a request waits for a free slot of that share before it is capped
     */
    public ConfirmationLimitsTable(DynamoDbClient db, String table, Keys keys, int hourlyCap, double mailsPerSecond,
                                   Duration rateWait, Clock clock, Sleeper sleeper) {
        if (!(mailsPerSecond > 0) || hourlyCap < 1) {
            throw new IllegalArgumentException("the confirmation rate and the hourly cap must be positive");
        }
        this.db = db;
        this.table = table;
        this.keys = keys;
        this.hourlyCap = hourlyCap;
        this.slotMillis = (long) Math.ceil(1000 / mailsPerSecond);
        this.rateWait = rateWait;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public Decision acquire(Mailbox mailbox) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!claimMailbox(mailbox, now)) {
            return new Decision.MailboxLimited();
        }
        if (!claimHour(now)) {
            releaseMailbox(mailbox, now);
            return new Decision.Capped("hourly cap of " + hourlyCap + " confirmation mails reached");
        }
        OptionalLong slot = claimSlot();
        if (slot.isEmpty()) {
            releaseMailbox(mailbox, now);
            releaseHour(now);
            return new Decision.Capped("no slot of the confirmations' SES rate share within " + rateWait.toMillis() + " ms");
        }
        return new Decision.Granted(mailbox, now, Instant.ofEpochMilli(slot.getAsLong()));
    }

    @Override
    public void release(Decision.Granted grant) {
        releaseMailbox(grant.mailbox(), grant.at());
        releaseHour(grant.at());
    }

    private void releaseHour(Instant at) {
        try {
            db.updateItem(r -> r.tableName(table).key(Map.of("pk", s(LIMIT_PK), "sk", s(hourKey(at))))
                    .updateExpression("SET mails = mails - :one")
                    .conditionExpression("mails > :zero")
                    .expressionAttributeValues(Map.of(":one", ONE, ":zero", n(0))));
        } catch (ConditionalCheckFailedException expired) {
            // the hour's counter is gone (a new hour): nothing to give back
        }
    }

    /**
     * One conditional write in the usual case: a mail in the current 24 h window, under the cap and
     * ten minutes after the last one. Else a new window, if the last one ended and the last mail is
     * ten minutes old. Exactly one of the two can succeed for a given state, so racing requests
     * for one mailbox get one mail.
     */
    private boolean claimMailbox(Mailbox mailbox, Instant now) {
        Map<String, AttributeValue> key = mailboxKey(mailbox);
        long nowS = now.getEpochSecond();
        AttributeValue lastCutoff = n(now.minus(MAILBOX_WINDOW).getEpochSecond());
        AttributeValue windowCutoff = n(now.minus(MAILBOX_DAY).getEpochSecond());
        AttributeValue expires = n(now.plus(MAILBOX_DAY).plus(MAILBOX_WINDOW).getEpochSecond());
        try {
            db.updateItem(r -> r.tableName(table).key(key)
                    .updateExpression("SET mails = mails + :one, lastAt = :now, expiresAt = :exp")
                    .conditionExpression("windowStartedAt > :windowCutoff AND mails < :cap"
                            + " AND (attribute_not_exists(lastAt) OR lastAt <= :lastCutoff)")
                    .expressionAttributeValues(Map.of(":one", ONE, ":now", n(nowS), ":exp", expires,
                            ":windowCutoff", windowCutoff, ":cap", n(MAILBOX_DAILY_CAP), ":lastCutoff", lastCutoff)));
            return true;
        } catch (ConditionalCheckFailedException notInTheCurrentWindow) {
            // try a new window
        }
        try {
            db.updateItem(r -> r.tableName(table).key(key)
                    .updateExpression("SET mails = :one, windowStartedAt = :now, lastAt = :now, expiresAt = :exp")
                    .conditionExpression("attribute_not_exists(pk) OR (windowStartedAt <= :windowCutoff"
                            + " AND (attribute_not_exists(lastAt) OR lastAt <= :lastCutoff))")
                    .expressionAttributeValues(Map.of(":one", ONE, ":now", n(nowS), ":exp", expires,
                            ":windowCutoff", windowCutoff, ":lastCutoff", lastCutoff)));
            return true;
        } catch (ConditionalCheckFailedException limited) {
            return false;
        }
    }

    /** Undoes the mailbox's claim: one mail fewer, and the ten minutes free again (the last mail before was older). */
    private void releaseMailbox(Mailbox mailbox, Instant at) {
        try {
            db.updateItem(r -> r.tableName(table).key(mailboxKey(mailbox))
                    .updateExpression("SET mails = mails - :one REMOVE lastAt")
                    .conditionExpression("lastAt = :at")
                    .expressionAttributeValues(Map.of(":one", ONE, ":at", n(at.getEpochSecond()))));
        } catch (ConditionalCheckFailedException someoneElseClaimedSince) {
            // keep their claim
        }
    }

    private boolean claimHour(Instant now) {
        try {
            db.updateItem(r -> r.tableName(table).key(Map.of("pk", s(LIMIT_PK), "sk", s(hourKey(now))))
                    .updateExpression("SET mails = if_not_exists(mails, :zero) + :one, expiresAt = :exp")
                    .conditionExpression("attribute_not_exists(mails) OR mails < :cap")
                    .expressionAttributeValues(Map.of(":zero", n(0), ":one", ONE, ":cap", n(hourlyCap),
                            ":exp", n(now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2)).getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException capReached) {
            return false;
        }
    }

    /**
     * A pacer shared by every container: each mail takes the next slot ({@code nextAt}, one
     * interval of the share apart) with a conditional write, and waits for one while the wait
     * budget lasts.
     *
     * @return the start of the slot taken (epoch ms), or empty when none was free in time
     */
    private OptionalLong claimSlot() {
        long deadline = clock.millis() + rateWait.toMillis();
        while (true) {
            long now = clock.millis();
            try {
                db.updateItem(r -> r.tableName(table).key(Map.of("pk", s(LIMIT_PK), "sk", s("RATE")))
                        .updateExpression("SET nextAt = :next")
                        // A slot further ahead than one interval was set by a clock far ahead of
                        // ours: taken as free, so that one wrong clock cannot stop every mail.
                        .conditionExpression("attribute_not_exists(nextAt) OR nextAt <= :now OR nextAt > :impossible")
                        .expressionAttributeValues(Map.of(":now", n(now), ":next", n(now + slotMillis),
                                ":impossible", n(now + slotMillis + CLOCK_SKEW.toMillis()))));
                return OptionalLong.of(now);
            } catch (ConditionalCheckFailedException taken) {
                if (now >= deadline) {
                    return OptionalLong.empty();
                }
            }
            try {
                // Half a slot: the slot frees at most one interval from now, usually sooner.
                sleeper.sleep(Duration.ofMillis(Math.max(5, Math.min(slotMillis / 2, deadline - now))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return OptionalLong.empty();
            }
        }
    }

    private Map<String, AttributeValue> mailboxKey(Mailbox mailbox) {
        return Map.of("pk", s("MAILBOX#" + mailbox.keyedId(keys)), "sk", s("CONFIRMATIONS"));
    }

    private static String hourKey(Instant at) {
        return "HOUR#" + at.truncatedTo(ChronoUnit.HOURS).toString().substring(0, 13);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
