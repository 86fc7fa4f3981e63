package dev.paperboy.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokensTest {
    private static final String KEY = "a-test-key-that-is-long-enough-for-hmac-0123";
    private static final Instant NOW = Instant.parse("2025-08-29T12:00:00Z");
    private static final String ID = SubscriberId.of(EmailAddress.parse("reader@example.com"));

    private static Tokens at(Instant instant) {
        return new Tokens(KEY, Clock.fixed(instant, ZoneOffset.UTC));
    }

    private final Tokens tokens = at(NOW);

    @Test
    void aTokenVerifiesForItsPurposeAndNamesTheSubscriber() {
        for (Tokens.Purpose purpose : Tokens.Purpose.values()) {
            assertEquals(Optional.of(ID), tokens.verify(purpose, tokens.issue(purpose, ID)), purpose.name());
        }
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
        String forged = new Tokens("another-key-that-is-long-enough-for-hmac-99", Clock.fixed(NOW, ZoneOffset.UTC))
                .issue(Tokens.Purpose.UNSUBSCRIBE, ID);
        assertEquals(Optional.empty(), tokens.verify(Tokens.Purpose.UNSUBSCRIBE, forged));
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
            StringBuilder randomToken = new StringBuilder("u" + ID + ".");
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
    void aShortKeyIsRefusedAtStartUp() {
        assertThrows(IllegalStateException.class, () -> new Tokens("short", Clock.systemUTC()));
    }
}
