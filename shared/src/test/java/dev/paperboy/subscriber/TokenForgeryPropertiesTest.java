package dev.paperboy.subscriber;

import dev.paperboy.keys.KeyRing;
import dev.paperboy.keys.Keys;
import dev.paperboy.keys.SigningKey;
import dev.paperboy.reliability.ReliabilityRows;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Scenario 10, token forgery: thousands of random, truncated, re-signed, wrong-purpose and
 * re-spelt tokens, none of which may be accepted. Genuine tokens are verified alongside, so that
 * a verifier refusing everything would not pass.
 */
class TokenForgeryPropertiesTest {
    private static final String KEY = "the-service-key-that-is-long-enough-for-hmac-0123";
    private static final Instant NOW = Instant.parse("2025-08-29T12:00:00Z");
    private static final Keys KEYS = keys(KEY);
    private static final Tokens TOKENS = new Tokens(KEYS, Clock.fixed(NOW, ZoneOffset.UTC));
    /** The period genuine digest tokens are issued for; every other period must refuse them. */
    private static final String PERIOD = "2025-08-29-daily";
    private static final long GENERATION = 3;
    private static final java.time.Instant SINCE = java.time.Instant.parse("2025-06-01T00:00:00Z");
    private static final String URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static final Map<String, AtomicLong> TRIED = new LinkedHashMap<>();
    private static final AtomicLong ACCEPTED = new AtomicLong();
    private static final AtomicLong GENUINE = new AtomicLong();
    private static final List<String> ACCEPTED_EXAMPLES = new ArrayList<>();

    record Issued(Tokens.Purpose purpose, String id, String token) {
    }

    @Provide
    Arbitrary<Issued> genuine() {
        Arbitrary<String> ids = Arbitraries.strings().withChars("0123456789abcdef").ofLength(32);
        Arbitrary<Long> ageSeconds = Arbitraries.longs().between(0, Duration.ofDays(1).toSeconds());
        return Combinators.combine(Arbitraries.of(Tokens.Purpose.class), ids, ageSeconds).as((purpose, id, age) ->
                new Issued(purpose, id, issue(new Tokens(KEYS, Clock.fixed(NOW.minusSeconds(age), ZoneOffset.UTC)), purpose, id)));
    }

    @Property(tries = 1500)
    void randomTokensOfTheRightShapeAreRefused(@ForAll("shapedRandom") String token, @ForAll Tokens.Purpose purpose) {
        refused("random, token-shaped", purpose, token, "");
    }

    @Provide
    Arbitrary<String> shapedRandom() {
        // Half of them name our real key, so that they reach the signature check.
        Arbitrary<String> letter = Arbitraries.of("c", "m", "u", "d").flatMap(l -> Arbitraries.oneOf(Arbitraries.just(l + KEYS.signingKey().id()),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(SigningKey.ID_LENGTH).map(k -> l + k)));
        Arbitrary<String> id = Arbitraries.strings().withChars("0123456789abcdef").ofLength(32);
        Arbitrary<String> issued = Arbitraries.longs().between(0, NOW.getEpochSecond()).map(s -> Long.toString(s, 36));
        Arbitrary<String> mac = Arbitraries.strings().withChars(URL_ALPHABET).ofLength(43);
        Arbitrary<String> shaped = Combinators.combine(letter, id, issued, mac).as((l, i, t, m) -> l + i + "." + t + "." + m);
        return Arbitraries.oneOf(shaped, Arbitraries.strings().ofMaxLength(130), Arbitraries.strings().withChars(URL_ALPHABET + ".").ofMaxLength(100));
    }

    @Property(tries = 150)
    void everyTruncationAndExtensionIsRefused(@ForAll("genuine") Issued t) {
        accepted(t);
        for (int cut = 0; cut < t.token().length(); cut++) {
            refused("truncated", t.purpose(), t.token().substring(0, cut), t.token());
            refused("truncated", t.purpose(), t.token().substring(cut + 1), t.token());
        }
        for (String tail : List.of("A", "=", "==", ".", "\u0000", " ", "\n", "%00")) {
            refused("extended", t.purpose(), t.token() + tail, t.token());
        }
    }

    @Property(tries = 500)
    void aTokenSignedWithAnotherKeyIsRefused(@ForAll("genuine") Issued t, @ForAll("otherKeys") String otherKey) {
        String resigned = issue(new Tokens(keys(otherKey), Clock.fixed(NOW, ZoneOffset.UTC)), t.purpose(), t.id());
        refused("re-signed with another key", t.purpose(), resigned, t.token());
        // ... and made to name our key id: only the signature can tell.
        String renamed = resigned.charAt(0) + KEYS.signingKey().id() + resigned.substring(1 + SigningKey.ID_LENGTH);
        refused("re-signed with another key under our key id", t.purpose(), renamed, t.token());
    }

    @Property(tries = 200)
    void aDigestTokenOpensItsOwnPeriodOnly(@ForAll("genuine") Issued t, @ForAll("periods") String period) {
        if (t.purpose() != Tokens.Purpose.DIGEST || period.equals(PERIOD)) {
            return;
        }
        accepted(t);
        TRIED.computeIfAbsent("digest token for another period", k -> new AtomicLong()).incrementAndGet();
        Optional<String> verified = TOKENS.verifyDigest(t.token(), period);
        if (verified.isPresent()) {
            ACCEPTED.incrementAndGet();
        }
        check(verified.isEmpty(), "a digest token for " + PERIOD + " opened " + period);
    }

    @Property(tries = 200)
    void aFeedTokenOpensItsOwnGenerationOnly(@ForAll("genuine") Issued t, @ForAll long generation) {
        if (t.purpose() != Tokens.Purpose.FEED || generation == GENERATION) {
            return;
        }
        accepted(t);
        TRIED.computeIfAbsent("feed token for another generation", k -> new AtomicLong()).incrementAndGet();
        Optional<String> verified = TOKENS.verifyFeed(t.token(), generation, SINCE);
        if (verified.isPresent()) {
            ACCEPTED.incrementAndGet();
        }
        check(verified.isEmpty(), "a feed token of generation " + GENERATION + " opened generation " + generation);
    }

    @Provide
    Arbitrary<String> periods() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-400, 400).map(d -> java.time.LocalDate.of(2025, 8, 29).plusDays(d))
                        .flatMap(day -> Arbitraries.of(day + "-daily", day + "-weekly")),
                Arbitraries.of("", PERIOD + " ", PERIOD.toUpperCase(Locale.ROOT), "2025-08-29-weekly", "../" + PERIOD));
    }

    @Provide
    Arbitrary<String> otherKeys() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMinLength(KeyRing.MIN_LENGTH).ofMaxLength(80).filter(k -> !k.equals(KEY)),
                // near misses of our key: one character changed, or cut and padded
                Arbitraries.integers().between(0, KEY.length() - 1).map(i -> KEY.substring(0, i) + (KEY.charAt(i) == 'x' ? 'y' : 'x') + KEY.substring(i + 1)),
                Arbitraries.of(KEY + " ", KEY.toUpperCase(Locale.ROOT), " " + KEY));
    }

    @Property(tries = 500)
    void aTokenIsRefusedForAnyOtherPurposeEvenWithItsLetterSwapped(@ForAll("genuine") Issued t, @ForAll Tokens.Purpose other) {
        accepted(t);
        if (other == t.purpose()) {
            return;
        }
        if (other != Tokens.Purpose.DIGEST) { // a digest token cannot even be asked for another purpose's page
            refused("wrong purpose", other, t.token(), ""); // the same text, offered for another purpose
        }
        String letter = other.name().substring(0, 1).toLowerCase(Locale.ROOT);
        refused("wrong purpose, letter swapped", other, letter + t.token().substring(1), t.token());
    }

    /** Every spelling that is not the issued one, including those that decode to the same bytes. */
    @Property(tries = 300)
    void caseAndEncodingVariantsAreRefused(@ForAll("genuine") Issued t, @ForAll @IntRange(min = 0, max = 200) int at) {
        accepted(t);
        String token = t.token();
        int i = at % token.length();
        char c = token.charAt(i);
        String flipped = Character.isUpperCase(c) ? Character.toString(Character.toLowerCase(c)) : Character.toString(Character.toUpperCase(c));
        List<String> variants = new ArrayList<>(List.of(
                token.substring(0, i) + flipped + token.substring(i + 1),
                token.toUpperCase(Locale.ROOT),
                token.toLowerCase(Locale.ROOT),
                token + "=",
                token.replace('-', '+').replace('_', '/'),
                token.substring(0, i) + "%" + String.format("%02X", (int) c) + token.substring(i + 1),
                URLEncoder.encode(token, StandardCharsets.UTF_8).replace(".", "%2E"),
                token.replace(".", "%2e"),
                " " + token,
                token + "\r\n",
                // a leading zero in the issue time: the same number spelt differently
                token.replaceFirst("\\.", ".0"),
                // the signature in standard base64 with padding: the same bytes
                signatureRespelt(token, Base64.getEncoder().encodeToString(signature(token))),
                signatureRespelt(token, Base64.getUrlEncoder().encodeToString(signature(token))),
                // fullwidth digits look alike to some normalisations
                token.replace('0', '\uFF10')));
        variants.addAll(spareBitSpellings(token));
        for (String variant : variants) {
            refused("case or encoding variant", t.purpose(), variant, token);
        }
    }

    @Property(tries = 300)
    void aSignatureWithAnyBitFlippedIsRefused(@ForAll("genuine") Issued t, @ForAll @IntRange(min = 0, max = 255) int bit) {
        byte[] mac = signature(t.token());
        mac[bit / 8] ^= (byte) (1 << (bit % 8));
        refused("signature bit flipped", t.purpose(), signatureRespelt(t.token(), Base64.getUrlEncoder().withoutPadding().encodeToString(mac)), t.token());
    }

    @AfterContainer
    static void record() {
        Map<String, Long> counts = new LinkedHashMap<>();
        TRIED.forEach((family, n) -> counts.put(family.replace(' ', '-').replace(",", ""), n.get()));
        long tried = TRIED.values().stream().mapToLong(AtomicLong::get).sum();
        counts.put("forged", tried);
        counts.put("accepted", ACCEPTED.get());
        counts.put("genuineAccepted", GENUINE.get());
        ReliabilityRows.record("10-token-forgery", "Forged tokens against Tokens.verify (jqwik)",
                "random token-shaped and arbitrary strings (half naming our key id); every truncation; re-signed with other and "
                        + "near-miss keys, also under our key id; digest tokens for other periods; wrong purpose "
                        + "(letter swapped too); case flips, padding, standard alphabet, percent-encoding, leading zeros, "
                        + "the other spellings of the same signature bytes (base64's 2 spare bits); signature bit flips",
                counts,
                ACCEPTED.get() == 0
                        ? "none of " + tried + " forged tokens accepted, all " + GENUINE.get() + " genuine ones accepted. Found and fixed: "
                        + "the signature was decoded before comparing, and the base64 decoder ignores the 2 spare bits of its last "
                        + "character, so each signature had 4 accepted spellings; now the canonical base64url text is compared, in constant time"
                        : ACCEPTED.get() + " forged tokens accepted, e.g. " + ACCEPTED_EXAMPLES);
    }

    private static void accepted(Issued t) {
        check(verify(t.purpose(), t.token()).equals(Optional.of(t.id())), "a genuine token was refused: " + t.token());
        GENUINE.incrementAndGet();
    }

    private static void refused(String family, Tokens.Purpose purpose, String forged, String genuine) {
        if (forged.equals(genuine)) {
            return; // not a forgery: e.g. a case flip of a digit
        }
        TRIED.computeIfAbsent(family, k -> new AtomicLong()).incrementAndGet();
        Optional<String> verified = verify(purpose, forged);
        if (verified.isPresent()) {
            ACCEPTED.incrementAndGet();
            synchronized (ACCEPTED_EXAMPLES) {
                if (ACCEPTED_EXAMPLES.size() < 3) {
                    ACCEPTED_EXAMPLES.add(family + ": " + forged);
                }
            }
        }
        check(verified.isEmpty(), family + " accepted for " + purpose + ": " + forged + " (genuine " + genuine + ")");
    }

    private static Keys keys(String root) {
        return Keys.fixed(KeyRing.secretValue(root, Optional.empty()));
    }

    /** Digest tokens are issued for, and checked against, one period; feed tokens one feed generation. */
    private static String issue(Tokens tokens, Tokens.Purpose purpose, String id) {
        return switch (purpose) {
            case DIGEST -> tokens.issueForDigest(id, PERIOD);
            case FEED -> tokens.issueForFeed(id, GENERATION, SINCE);
            default -> tokens.issue(purpose, id);
        };
    }

    private static Optional<String> verify(Tokens.Purpose purpose, String token) {
        return switch (purpose) {
            case DIGEST -> TOKENS.verifyDigest(token, PERIOD);
            case FEED -> TOKENS.verifyFeed(token, GENERATION, SINCE);
            default -> TOKENS.verify(purpose, token);
        };
    }

    private static byte[] signature(String token) {
        return Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
    }

    private static String signatureRespelt(String token, String signature) {
        return token.substring(0, token.lastIndexOf('.') + 1) + signature;
    }

    /** The last of 43 base64 characters carries 2 bits that encode nothing: 3 more spellings of the same bytes. */
    private static List<String> spareBitSpellings(String token) {
        char last = token.charAt(token.length() - 1);
        int value = URL_ALPHABET.indexOf(last);
        List<String> spellings = new ArrayList<>();
        for (int spare = 1; spare < 4; spare++) {
            spellings.add(token.substring(0, token.length() - 1) + URL_ALPHABET.charAt(value ^ spare));
        }
        return spellings;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
