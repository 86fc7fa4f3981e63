package dev.paperboy.functions.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.local.ReliabilityReport;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.SubscriberUpdates;
import dev.paperboy.subscriber.Tokens;
import dev.paperboy.web.WebResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Addresses that left, bounced or complained are erased after a stated period (the table's TTL);
 * a suppressed mailbox leaves behind only its keyed hash, which keeps it from being mailed again.
 * moto does not run TTL deletions, so the test deletes the expired item as DynamoDB would.
 */
class ErasureIT {
    private static final Duration ERASED_AFTER = Duration.ofDays(30);
    private static ApiHarness h;
    private static final Map<String, Long> observed = new LinkedHashMap<>();

    @BeforeAll
    static void setUp() {
        h = new ApiHarness();
    }

    @AfterAll
    static void record() {
        ReliabilityReport.record(new ReliabilityReport.Row("keys-4-erasure", "Unsubscribed and suppressed addresses erased after 30 days (DynamoDB TTL); "
                        + "a suppressed mailbox kept only as a keyed hash",
                "an address subscribes, confirms, unsubscribes; another bounces hard (SubscriberUpdates.suppress, as MailEvents calls it); "
                        + "then the TTL deletion (simulated: moto does not expire items) and a new subscribe for both",
                observed, "the unsubscribed profile expires 30 days after leaving and the address can subscribe afresh once erased; "
                        + "the suppressed profile expires after 30 days too, its tombstone (pk = keyed hash, no address) stays, "
                        + "and subscribing that address again mails nothing and answers as for anyone"));
    }

    @Test
    void anUnsubscribedAddressIsErasedThirtyDaysAfterLeavingAndMaySubscribeAfresh() {
        String email = ApiHarness.newAddress();
        h.subscribe(email);
        h.confirm(h.linkInLatestMail(email, "/confirm"));
        assertEquals(200, h.send("POST", "/unsubscribe?token=" + h.token(Tokens.Purpose.UNSUBSCRIBE, email), new byte[0]).status());

        Map<String, AttributeValue> left = profile(email);
        assertEquals("UNSUBSCRIBED", left.get("status").s());
        assertTrue(left.containsKey("expiresAt"), "an unsubscribed profile must expire: " + left.keySet());
        long expiresIn = Long.parseLong(left.get("expiresAt").n()) - h.clock.instant().getEpochSecond();
        observed.put("unsubscribedExpiresInDays", expiresIn / 86_400);
        assertEquals(ERASED_AFTER.toSeconds(), expiresIn);

        eraseAsTtlWould(email, "PROFILE");
        h.clock.advance(ERASED_AFTER.plusDays(1));
        int before = h.mailTo(email).size();
        assertEquals(200, h.subscribe(email).status());
        observed.put("mailsAfterErasedUnsubscribedSubscribesAgain", (long) (h.mailTo(email).size() - before));
        assertEquals(before + 1, h.mailTo(email).size(), "an erased address is a new address");
    }

    @Test
    void aSuppressedMailboxKeepsOnlyItsKeyedHashAndIsNeverMailedAgain() {
        String email = ApiHarness.newAddress();
        h.subscribe(email);
        h.confirm(h.linkInLatestMail(email, "/confirm"));
        assertTrue(new SubscriberUpdates(h.subscribers, h.keys, h.clock).suppress(EmailAddress.parse(email), "hard bounce"));

        Map<String, AttributeValue> suppressed = profile(email);
        assertEquals("SUPPRESSED", suppressed.get("status").s());
        assertTrue(suppressed.containsKey("expiresAt"), "a suppressed profile must expire: " + suppressed.keySet());
        long expiresIn = Long.parseLong(suppressed.get("expiresAt").n()) - h.clock.instant().getEpochSecond();
        observed.put("suppressedExpiresInDays", expiresIn / 86_400);
        assertEquals(ERASED_AFTER.toSeconds(), expiresIn);

        Map<String, AttributeValue> tombstone = item(email, "SUPPRESSED");
        assertFalse(tombstone.isEmpty(), "a suppression record outlives the profile");
        assertFalse(tombstone.containsKey("expiresAt"), "the suppression record does not expire");
        assertTrue(Set.of("pk", "sk", "reason", "suppressedOn").containsAll(tombstone.keySet()), "only what suppression needs: " + tombstone.keySet());
        String localPart = email.substring(0, email.indexOf('@'));
        tombstone.values().forEach(v -> assertFalse(String.valueOf(v.s()).contains(localPart), "no address in the suppression record"));
        observed.put("tombstoneAttributes", (long) tombstone.size());

        eraseAsTtlWould(email, "PROFILE");
        h.clock.advance(ERASED_AFTER.plusDays(1));
        int before = h.mailTo(email).size();
        WebResponse again = h.subscribe(email);
        assertEquals(200, again.status());
        assertTrue(again.bodyText().contains("check your inbox"), "the same answer as for anyone");
        observed.put("mailsAfterErasedSuppressedSubscribesAgain", (long) (h.mailTo(email).size() - before));
        assertEquals(before, h.mailTo(email).size(), "a suppressed mailbox is never mailed again");
        assertTrue(profile(email).isEmpty(), "subscribing again stores nothing about a suppressed mailbox");
    }

    private static Map<String, AttributeValue> profile(String email) {
        return item(email, "PROFILE");
    }

    private static Map<String, AttributeValue> item(String email, String sk) {
        return h.aws.dynamoDb().getItem(r -> r.tableName(h.stack.name("SubscribersTable"))
                .key(Map.of("pk", AttributeValue.fromS("SUB#" + h.subscriberId(email)), "sk", AttributeValue.fromS(sk)))).item();
    }

    private static void eraseAsTtlWould(String email, String sk) {
        h.aws.dynamoDb().deleteItem(r -> r.tableName(h.stack.name("SubscribersTable"))
                .key(Map.of("pk", AttributeValue.fromS("SUB#" + h.subscriberId(email)), "sk", AttributeValue.fromS(sk))));
    }
}
