package dev.paperboy.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.keys.KeyRing;
import dev.paperboy.keys.Keys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokensTest {
    private static final String ROOT = "a-test-root-that-is-long-enough-for-hmac-0123";
    private static final Keys KEYS = Keys.fixed(KeyRing.secretValue(ROOT, Optional.empty()));
    private static final Instant NOW = Instant.parse("2025-08-29T12:00:00Z");
    private static final String ID = SubscriberId.of(KEYS, EmailAddress.parse("reader@example.com"));

    private static Tokens at(Instant instant) {
        return new Tokens(KEYS, Clock.fixed(instant, ZoneOffset.UTC));
    }

    private final Tokens tokens = at(NOW);

    @Test
    void aTokenVerifiesForItsPurposeAndNamesTheSubscriber() {
        for (Tokens.Purpose purpose : Tokens.Purpose.values()) {
            if (purpose != Tokens.Purpose.DIGEST && purpose != Tokens.Purpose.FEED) {
                assertEquals(Optional.of(ID), tokens.verify(purpose, tokens.issue(purpose, ID)), purpose.name());
            }
        }
        assertEquals(Optional.of(ID), tokens.verifyDigest(tokens.issueForDigest(ID, "2025-08-29-daily"), "2025-08-29-daily"));
        assertEquals(Optional.of(ID), tokens.verifyFeed(tokens.issueForFeed(ID, 0, NOW), 0, NOW));
    }

    @Test
    void aFeedTokenOpensItsOwnGenerationOnly() {
        String second = tokens.issueForFeed(ID, 2, NOW);

        assertEquals(Optional.of(ID), tokens.verifyFeed(second, 2, NOW));
        assertEquals(Optional.empty(), tokens.verifyFeed(second, 1, NOW), "not an older generation");
        assertEquals(Optional.empty(), tokens.verifyFeed(second, 3, NOW), "nor a newer one");
        assertEquals(Optional.empty(), tokens.verify(Tokens.Purpose.FEED, second), "not without its generation");
        assertEquals(Optional.empty(), tokens.verifyFeed(tokens.issue(Tokens.Purpose.MANAGE, ID), 0, NOW), "a preferences token opens no feed");
        assertEquals(Optional.empty(), tokens.verifyFeed(second, -2, NOW), "no generation below zero");
        assertEquals(Optional.empty(), tokens.verifyFeed(second, 2, NOW.plus(java.time.Duration.ofDays(40))),
                "nor the same generation of a profile made again after the first was erased");
        assertEquals(Optional.of(ID), Tokens.subscriberNamedIn(Tokens.Purpose.FEED, second), "whose profile to read first");
        assertEquals(Optional.empty(), Tokens.subscriberNamedIn(Tokens.Purpose.MANAGE, second));
        assertEquals(Optional.empty(), Tokens.subscriberNamedIn(Tokens.Purpose.FEED, "f"));
    }

    @Test
    void aFeedTokenNeverExpiresBecauseFeedReadersKeepTheirAddress() {
        String issued = tokens.issueForFeed(ID, 0, NOW);

        assertEquals(Optional.of(ID), at(NOW.plus(java.time.Duration.ofDays(3650))).verifyFeed(issued, 0, NOW), "ten years on");
    }

    @Test
    void aDigestTokenOpensItsOwnDigestOnly() {
        String friday = tokens.issueForDigest(ID, "2025-08-29-daily");

        assertEquals(Optional.empty(), tokens.verifyDigest(friday, "2025-08-28-daily"));
        assertEquals(Optional.empty(), tokens.verifyDigest(friday, "2025-08-29-weekly"));
        assertEquals(Optional.empty(), tokens.verify(Tokens.Purpose.DIGEST, friday), "not without its period");
        assertEquals(Optional.empty(), tokens.verifyDigest(tokens.issue(Tokens.Purpose.DIGEST, ID), "2025-08-29-daily"),
                "a digest token issued for no period opens none");
    }

    @Test
    void aTokenNamesTheKeyThatSignedIt() {
        String token = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, ID);

        assertEquals("u" + KEYS.signingKey().id() + ID, token.substring(0, token.indexOf('.')));
    }

    @Test
    void afterARotationLinksSignedWithThePreviousKeyStillWorkAndThoseTwoRotationsOldDoNot() {
        String first = KeyRing.secretValue(ROOT, Optional.empty());
        String second = KeyRing.secretValue(ROOT, Optional.of("the-second-signing-key-long-enough-for-hmac"));
        String third = KeyRing.secretValue(ROOT, Optional.of("the-third-signing-key-long-enough-for-hmac!"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Tokens before = new Tokens(Keys.fixed(first), clock);
        Tokens afterOne = new Tokens(Keys.fixed(second, Optional.of(first)), clock);
        Tokens afterTwo = new Tokens(Keys.fixed(third, Optional.of(second)), clock);
        String old = before.issue(Tokens.Purpose.UNSUBSCRIBE, ID);
        String newer = afterOne.issue(Tokens.Purpose.UNSUBSCRIBE, ID);

        assertNotEquals(old.substring(1, 7), newer.substring(1, 7), "a new key, a new key id");
        assertEquals(Optional.of(ID), afterOne.verify(Tokens.Purpose.UNSUBSCRIBE, old), "signed with the previous key");
        assertEquals(Optional.of(ID), afterOne.verify(Tokens.Purpose.UNSUBSCRIBE, newer));
        assertEquals(Optional.of(ID), afterTwo.verify(Tokens.Purpose.UNSUBSCRIBE, newer));
        assertEquals(Optional.empty(), afterTwo.verify(Tokens.Purpose.UNSUBSCRIBE, old), "two rotations old");
        assertEquals(Optional.empty(), before.verify(Tokens.Purpose.UNSUBSCRIBE, newer), "not yet known");
    }

    @Test
    void aTokenIsGoodForItsOwnPurposeOnly() {
        String confirm = tokens.issue(Tokens.Purpose.CONFIRM, ID);
        assertEquals(Optional.empty(), tokens.verify(Tokens.Purpose.UNSUBSCRIBE, confirm));
        assertEquals(Optional.empty(), tokens.verify(Tokens.Purpose.MANAGE, confirm));
        String unsubscribe = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, ID);
        // Even with the purpose letter swapped, the signature covers the purpose.
        assertEquals(Optional.empty(), tokens.verify(Tokens.Purpose.MANAGE, "m" + unsubscribe.substring(1)));
    }

    @Test
    void aConfirmTokenExpiresAfterTwoDaysAndAnUnsubscribeTokenNever() {
        String confirm = tokens.issue(Tokens.Purpose.CONFIRM, ID);
        String unsubscribe = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, ID);

        assertTrue(at(NOW.plus(Duration.ofHours(47))).verify(Tokens.Purpose.CONFIRM, confirm).isPresent());
        assertEquals(Optional.empty(), at(NOW.plus(Duration.ofHours(49))).verify(Tokens.Purpose.CONFIRM, confirm));
        assertTrue(at(NOW.plus(Duration.ofDays(3650))).verify(Tokens.Purpose.UNSUBSCRIBE, unsubscribe).isPresent());
    }

    @Test
    void aTokenFromTheFutureIsRefused() {
        String later = at(NOW.plus(Duration.ofHours(1))).issue(Tokens.Purpose.MANAGE, ID);
        assertEquals(Optional.empty(), tokens.verify(Tokens.Purpose.MANAGE, later));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        Keys other = Keys.fixed(KeyRing.secretValue("another-root-that-is-long-enough-for-hmac-99", Optional.empty()));
        String forged = new Tokens(other, Clock.fixed(NOW, ZoneOffset.UTC)).issue(Tokens.Purpose.UNSUBSCRIBE, ID);
        assertEquals(Optional.empty(), tokens.verify(Tokens.Purpose.UNSUBSCRIBE, forged));
        String underOurKeyId = forged.charAt(0) + KEYS.signingKey().id() + forged.substring(7);
        assertEquals(Optional.empty(), tokens.verify(Tokens.Purpose.UNSUBSCRIBE, underOurKeyId));
    }

    @Test
    void everyTamperedTruncatedOrRandomTokenIsRefused() {
        String token = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, ID);
        Random random = new Random(42);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";
        for (int i = 0; i < token.length(); i++) {
            for (char c : new char[] {'0', 'a', 'Z', '-', '.'}) {
                if (token.charAt(i) != c) {
                    String tampered = token.substring(0, i) + c + token.substring(i + 1);
                    assertEquals(Optional.empty(), tokens.verify(Tokens.Purpose.UNSUBSCRIBE, tampered), tampered);
                }
            }
            assertEquals(Optional.empty(), tokens.verify(Tokens.Purpose.UNSUBSCRIBE, token.substring(0, i)));
        }
        for (int n = 0; n < 5000; n++) {
            StringBuilder randomToken = new StringBuilder("u" + KEYS.signingKey().id() + ID + ".");
            int length = random.nextInt(90);
            for (int i = 0; i < length; i++) {
                randomToken.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(Optional.empty(), tokens.verify(Tokens.Purpose.UNSUBSCRIBE, randomToken.toString()));
        }
        assertEquals(Optional.empty(), tokens.verify(Tokens.Purpose.UNSUBSCRIBE, null));
        assertEquals(Optional.empty(), tokens.verify(Tokens.Purpose.UNSUBSCRIBE, "x".repeat(10_000)));
    }

    @Test
    void aShortOrMissingRootIsRefusedAtStartUp() {
        assertThrows(IllegalStateException.class, () -> Keys.fixed(KeyRing.secretValue("short", Optional.empty())));
        assertThrows(IllegalStateException.class, () -> Keys.fixed("{}"));
        assertThrows(IllegalStateException.class, () -> Keys.fixed("not json"));
    }
}
