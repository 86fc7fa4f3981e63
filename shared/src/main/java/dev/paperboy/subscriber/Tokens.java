package dev.paperboy.subscriber;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed links: HMAC-SHA256 over (purpose, subscriber id, issue time). A token is good for its
 * one purpose only, and a confirm token for two days. Compared in constant time, in the one
 * canonical spelling the token was issued in.
 * Format: {@code <purpose letter><id>.<issued, epoch seconds base 36>.<mac, base64url>}.
 */
public final class Tokens {
    public static final int MIN_KEY_LENGTH = 32;

    public enum Purpose {
        CONFIRM('c', Optional.of(Duration.ofDays(2))),
        MANAGE('m', Optional.of(Duration.ofDays(400))),
        /** One-click links in old mails must keep working (RFC 8058), so these do not expire. */
        UNSUBSCRIBE('u', Optional.empty()),
        DIGEST('d', Optional.of(Duration.ofDays(400)));

        private final char letter;
        private final Optional<Duration> lifetime;

        Purpose(char letter, Optional<Duration> lifetime) {
            this.letter = letter;
            this.lifetime = lifetime;
        }
    }

    private final SecretKeySpec key;
    private final Clock clock;

    public Tokens(String key, Clock clock) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("the token signing key must be at least " + MIN_KEY_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    public String issue(Purpose purpose, String subscriberId) {
        String issued = Long.toString(clock.instant().getEpochSecond(), 36);
        return purpose.letter + subscriberId + "." + issued + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac(purpose, subscriberId, issued));
    }

    /** The subscriber id, if the token is well formed, for this purpose, signed by our key and not expired. */
    public Optional<String> verify(Purpose purpose, String token) {
        if (token == null || token.length() > 120) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].length() != 33 || parts[0].charAt(0) != purpose.letter
                || !parts[1].matches("[0-9a-z]{1,9}") || !parts[2].matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        String id = parts[0].substring(1);
        if (!SubscriberId.looksValid(id)) {
            return Optional.empty();
        }
        // The text is compared, not the decoded bytes: a decoder ignores the 2 spare bits of the
        // last base64 character, so 4 spellings would decode to the same signature.
        byte[] expected = Base64.getUrlEncoder().withoutPadding().encode(mac(purpose, id, parts[1]));
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[1], 36));
        Instant now = clock.instant();
        if (issued.isAfter(now.plus(Duration.ofMinutes(5)))) {
            return Optional.empty();
        }
        if (purpose.lifetime.isPresent() && issued.plus(purpose.lifetime.get()).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(id);
    }

    private byte[] mac(Purpose purpose, String id, String issued) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(("paperboy/v1|" + purpose.name() + "|" + id + "|" + issued).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
