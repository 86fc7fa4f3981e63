package dev.paperboy.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class KeysTest {
    private static final String ROOT = "a-test-root-that-is-long-enough-for-hmac-0123";
    private static final String FIRST = KeyRing.secretValue(ROOT, Optional.empty());
    private static final String SECOND = KeyRing.secretValue(ROOT, Optional.of("the-second-signing-key-long-enough-for-hmac"));
    private static final EmailAddress READER = EmailAddress.parse("reader@example.com");

    @Test
    void subscriberIdsAreKeyedNotABareHashOfTheAddress() throws Exception {
        // What the id was before: anyone could compute it for a guessed address and look for it.
        String bare = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("subscriber:" + READER.value()).getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        String id = SubscriberId.of(Keys.fixed(FIRST), READER);

        assertNotEquals(bare, id);
        assertTrue(SubscriberId.looksValid(id));
        assertNotEquals(id, SubscriberId.of(Keys.fixed(KeyRing.secretValue("another-root-that-is-long-enough-for-hmac-99", Optional.empty())), READER),
                "another secret, other ids");
    }

    /** Scenario keys-2: a thousand addresses, each tested as someone with the code but not the secret would. */
    @Test
    void nobodyWithoutTheSecretCanTestAGuessedAddressAgainstAnIdALogLineOrAnArchiveKey() throws Exception {
        Keys keys = Keys.fixed(FIRST);
        Keys guess = Keys.fixed(KeyRing.secretValue("an-attackers-guess-at-the-root-long-enough", Optional.empty()));
        Keys rotated = Keys.fixed(SECOND, Optional.of(FIRST));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long bareMatches = 0;
        long guessedRootMatches = 0;
        long changedByRotation = 0;
        long logHashIsIdPrefix = 0;
        int addresses = 1000;
        for (int i = 0; i < addresses; i++) {
            EmailAddress email = EmailAddress.parse("reader" + i + "@example.org");
            String id = SubscriberId.of(keys, email);
            String bare = HexFormat.of().formatHex(sha.digest(("subscriber:" + email.value()).getBytes(StandardCharsets.UTF_8)));
            bareMatches += id.equals(bare.substring(0, 32)) ? 1 : 0;
            guessedRootMatches += id.equals(SubscriberId.of(guess, email)) ? 1 : 0;
            changedByRotation += id.equals(SubscriberId.of(rotated, email)) ? 0 : 1;
            logHashIsIdPrefix += id.startsWith(email.hash(keys)) ? 1 : 0;
        }
        dev.paperboy.reliability.ReliabilityRows.record("keys-2-keyed-hashes",
                "Guessed addresses tested against subscriber ids and log hashes without the secret",
                "1,000 addresses: their ids compared with the bare SHA-256 an attacker can compute (the old scheme) and with ids "
                        + "under a guessed root; the same ids after a signing-key rotation; log hashes against ids",
                counts("addresses", addresses, "idsEqualToBareHash", bareMatches, "idsMatchingAGuessedRoot", guessedRootMatches,
                        "idsChangedByRotation", changedByRotation, "logHashesRevealingTheId", logHashIsIdPrefix),
                "no id can be computed from an address without the secret's root (HMAC, a subkey per purpose: ids, log hashes, "
                        + "archive keys); rotating the signing key changes no id; before the fix every id was the bare SHA-256");
        assertEquals(0, bareMatches);
        assertEquals(0, guessedRootMatches);
        assertEquals(0, changedByRotation);
        assertEquals(0, logHashIsIdPrefix);
    }

    @Test
    void keyedHashesStayTheSameWhenTheSigningKeyIsRotated() {
        Keys before = Keys.fixed(FIRST);
        Keys after = Keys.fixed(SECOND, Optional.of(FIRST));

        assertNotEquals(before.signingKey().id(), after.signingKey().id());
        for (HashPurpose purpose : HashPurpose.values()) {
            assertEquals(before.hash(purpose, "x"), after.hash(purpose, "x"), purpose + ": ids are table keys");
        }
    }

    @Test
    void eachPurposeHasItsOwnSubkey() {
        Keys keys = Keys.fixed(FIRST);
        assertNotEquals(keys.hash(HashPurpose.SUBSCRIBER_ID, "x"), keys.hash(HashPurpose.LOG, "x"));
        assertNotEquals(keys.hash(HashPurpose.SUBSCRIBER_ID, "x"), keys.hash(HashPurpose.DIGEST_ARCHIVE, "x"));
        assertNotEquals(keys.hash(HashPurpose.SUBSCRIBER_ID, "x"), keys.hash(HashPurpose.MAILBOX, "x"));
        assertNotEquals(keys.hash(HashPurpose.LOG, "x"), keys.hash(HashPurpose.MAILBOX, "x"));
        assertNotEquals(READER.hash(keys), SubscriberId.of(keys, READER).substring(0, 16), "a log line does not give the table key");
    }

    @Test
    void aRotationThatChangesTheRootIsRefused() {
        String otherRoot = KeyRing.secretValue("a-different-root-that-is-long-enough-0123", Optional.of("the-second-signing-key-long-enough-for-hmac"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Keys.fixed(otherRoot, Optional.of(FIRST)));
        assertTrue(e.getMessage().contains("different roots"), e.getMessage());
    }

    @Test
    void aContainerLearnsOfARotationWhenATokenNamesAKeyItDoesNotKnowAtMostTwiceAMinute() {
        AtomicReference<KeySource.Versions> secret = new AtomicReference<>(new KeySource.Versions(FIRST, Optional.empty()));
        AtomicInteger reads = new AtomicInteger();
        MutableClock clock = new MutableClock(Instant.parse("2025-08-29T12:00:00Z"));
        Keys keys = Keys.load(() -> {
            reads.incrementAndGet();
            return secret.get();
        }, clock);
        String newKeyId = Keys.fixed(SECOND).signingKey().id();

        secret.set(new KeySource.Versions(SECOND, Optional.of(FIRST))); // rotated; another container signed with it
        clock.advance(Duration.ofSeconds(5));
        assertEquals(0, keys.verifyingKeys(newKeyId).size(), "read 5 s ago: not again yet");
        clock.advance(Keys.UNKNOWN_KEY_RETRY);
        assertEquals(1, keys.verifyingKeys(newKeyId).size());
        assertEquals(newKeyId, keys.signingKey().id(), "and signs with the new key from then on");
        assertEquals(2, reads.get());
        for (int i = 0; i < 100; i++) {
            keys.verifyingKeys("abcdef"); // a forged key id
        }
        assertEquals(2, reads.get(), "forged key ids do not make every request read the secret");
    }

    @Test
    void aWarmContainerReadsTheSecretAgainAfterTenMinutesAndKeepsItsKeysIfThatFails() {
        AtomicReference<KeySource.Versions> secret = new AtomicReference<>(new KeySource.Versions(FIRST, Optional.empty()));
        AtomicInteger reads = new AtomicInteger();
        MutableClock clock = new MutableClock(Instant.parse("2025-08-29T12:00:00Z"));
        Keys keys = Keys.load(() -> {
            reads.incrementAndGet();
            if (secret.get() == null) {
                throw new IllegalStateException("Secrets Manager unreachable");
            }
            return secret.get();
        }, clock);
        String first = keys.signingKey().id();

        secret.set(null);
        clock.advance(Keys.REFRESH_AFTER.plusSeconds(1));
        assertEquals(first, keys.signingKey().id(), "kept");
        assertEquals(first, keys.signingKey().id());
        assertEquals(2, reads.get(), "one failed read, then a pause");
        secret.set(new KeySource.Versions(SECOND, Optional.of(FIRST)));
        clock.advance(Duration.ofMinutes(1));
        assertNotEquals(first, keys.signingKey().id());
    }

    @Test
    void aSnapshotHoldsNoKeyAndARestoredContainerReadsTheSecretAsItIsNow() {
        AtomicReference<KeySource.Versions> secret = new AtomicReference<>(new KeySource.Versions(FIRST, Optional.empty()));
        Keys keys = Keys.load(secret::get, Clock.systemUTC());
        String beforeSnapshot = keys.signingKey().id();

        keys.beforeCheckpoint(null);
        secret.set(new KeySource.Versions(SECOND, Optional.of(FIRST))); // rotated while the snapshot waited
        keys.afterRestore(null);

        assertNotEquals(beforeSnapshot, keys.signingKey().id());
        assertEquals(1, keys.verifyingKeys(beforeSnapshot).size(), "links from before the rotation still verify");
    }

    @Test
    void aRestoreThatCannotReadTheSecretLeavesItToTheFirstRequest() {
        AtomicReference<KeySource.Versions> secret = new AtomicReference<>(new KeySource.Versions(FIRST, Optional.empty()));
        Keys keys = Keys.load(() -> {
            if (secret.get() == null) {
                throw new IllegalStateException("no network yet");
            }
            return secret.get();
        }, Clock.systemUTC());

        keys.beforeCheckpoint(null);
        secret.set(null);
        keys.afterRestore(null); // logged, not thrown: the restore itself must not fail
        assertThrows(IllegalStateException.class, keys::signingKey, "no key to sign with: the request fails rather than sign with none");
        secret.set(new KeySource.Versions(FIRST, Optional.empty()));
        assertEquals(Keys.fixed(FIRST).signingKey().id(), keys.signingKey().id());
    }

    private static java.util.Map<String, Long> counts(Object... namesAndValues) {
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            counts.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).longValue());
        }
        return counts;
    }
}
