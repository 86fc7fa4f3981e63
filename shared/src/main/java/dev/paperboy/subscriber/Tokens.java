package dev.paperboy.subscriber;

import dev.paperboy.keys.Keys;
import dev.paperboy.keys.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;

/**
 * Signed links: HMAC-SHA256 over (purpose, key id, subscriber id, issue time, scope). A token is
 * good for its one purpose only, and a confirm token for two days; a digest token for its one
 * digest (the scope is the period, which the link carries in its path, not in the token); a feed
 * token for its one feed generation (also carried in the link's path).
 * Compared in constant time, in the one canonical spelling the token was issued in.
 * Format: {@code <purpose letter><key id><subscriber id>.<issued, epoch seconds base 36>.<mac, base64url>}.
 * The key id names the signing key (see {@link Keys}): after a rotation, links signed with the
 * previous key keep working, those signed with the one before it do not.
 */
public final class Tokens {
    private static final int HEAD_LENGTH = 1 + SigningKey.ID_LENGTH + 32;

    public enum Purpose {
        CONFIRM('c', Optional.of(Duration.ofDays(2))),
        MANAGE('m', Optional.of(Duration.ofDays(400))),
        /** One-click links in old mails must keep working (RFC 8058), so these do not expire. */
        UNSUBSCRIBE('u', Optional.empty()),
        /** Opens one archived digest: verified against the period of the page asked for. */
        DIGEST('d', Optional.of(Duration.ofDays(400))),
        /**
         * Opens the subscriber's private feed. Feed readers keep the URL for years, so it does not
         * expire; the feed generation is its scope, so replacing the link ends every older one.
         */
        FEED('f', Optional.empty());

        private final char letter;
        private final Optional<Duration> lifetime;

        Purpose(char letter, Optional<Duration> lifetime) {
            this.letter = letter;
            this.lifetime = lifetime;
        }
    }

    private final Keys keys;
    private final Clock clock;

    public Tokens(Keys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public String issue(Purpose purpose, String subscriberId) {
        return issue(purpose, subscriberId, "");
    }

    /** A token for one digest: {@code periodId} is the only period it opens. */
    public String issueForDigest(String subscriberId, String periodId) {
        return issue(Purpose.DIGEST, subscriberId, periodId);
    }

    private String issue(Purpose purpose, String subscriberId, String scope) {
        SigningKey key = keys.signingKey();
        String issued = Long.toString(clock.instant().getEpochSecond(), 36);
        return purpose.letter + key.id() + subscriberId + "." + issued + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac(key, purpose, subscriberId, issued, scope));
    }

    /**
     * A token for the private feed of this generation: replacing the link (a new generation) ends
     * it. {@code since} is the profile's creation, signed too: a profile erased and made again
     * (after leaving) counts its generations from 0 again, and must not revive a link it replaced.
     */
    public String issueForFeed(String subscriberId, long generation, Instant since) {
        return issue(Purpose.FEED, subscriberId, feedScope(generation, since));
    }

    /** The subscriber id, if the token is well formed, for this purpose, signed by a key we hold and not expired. */
    public Optional<String> verify(Purpose purpose, String token) {
        if (purpose == Purpose.DIGEST || purpose == Purpose.FEED) {
            // A digest token is only good with its period, a feed token with its generation: see verifyDigest, verifyFeed.
            return Optional.empty();
        }
        return verify(purpose, token, "");
    }

    /** The subscriber id of a "view in browser" token, if it was issued for this very period. */
    public Optional<String> verifyDigest(String token, String periodId) {
        return verify(Purpose.DIGEST, token, periodId);
    }

    /**
     * The subscriber id of a feed token, if it was issued for this generation (the one its link
     * names); whether that is still the subscriber's current generation is the caller's to check.
     */
    public Optional<String> verifyFeed(String token, long generation, Instant since) {
        return generation < 0 ? Optional.empty() : verify(Purpose.FEED, token, feedScope(generation, since));
    }

    private static String feedScope(long generation, Instant since) {
        return "feed-generation-" + generation + "-since-" + since.getEpochSecond();
    }

    /**
     * The subscriber a token of this purpose names, NOT verified: whose profile to read before
     * verifying a token signed with something only that profile holds (a feed token's creation time).
     */
    public static Optional<String> subscriberNamedIn(Purpose purpose, String token) {
        if (token == null || token.length() > 130 || token.length() < HEAD_LENGTH || token.charAt(0) != purpose.letter) {
            return Optional.empty();
        }
        String id = token.substring(1 + SigningKey.ID_LENGTH, HEAD_LENGTH);
        return SubscriberId.looksValid(id) ? Optional.of(id) : Optional.empty();
    }

    private Optional<String> verify(Purpose purpose, String token, String scope) {
        if (token == null || token.length() > 130) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].length() != HEAD_LENGTH || parts[0].charAt(0) != purpose.letter
                || !parts[1].matches("[0-9a-z]{1,9}") || !parts[2].matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        String keyId = parts[0].substring(1, 1 + SigningKey.ID_LENGTH);
        String id = parts[0].substring(1 + SigningKey.ID_LENGTH);
        if (!keyId.matches("[0-9a-f]{" + SigningKey.ID_LENGTH + "}") || !SubscriberId.looksValid(id)) {
            return Optional.empty();
        }
        boolean signed = false;
        for (SigningKey key : keys.verifyingKeys(keyId)) {
            // The text is compared, not the decoded bytes: a decoder ignores the 2 spare bits of the
            // last base64 character, so 4 spellings would decode to the same signature.
            byte[] expected = Base64.getUrlEncoder().withoutPadding().encode(mac(key, purpose, id, parts[1], scope));
            signed |= MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII));
        }
        if (!signed) {
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

    private static byte[] mac(SigningKey key, Purpose purpose, String id, String issued, String scope) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.key());
            return mac.doFinal(("paperboy/v2|" + purpose.name() + "|" + key.id() + "|" + id + "|" + issued + "|" + scope)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
