package dev.paperboy.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of the stack's secret: its current version and, after a rotation, the previous one.
 * A version is JSON: {@code {"root": "...", "signing": "..."}}.
 * <ul>
 * <li>{@code root} never changes: the keyed hashes (subscriber ids, archive keys, log hashes) are
 *     made with subkeys derived from it, and ids are table keys, so a new root would orphan every
 *     subscriber. A previous version with another root is refused for that reason.</li>
 * <li>{@code signing} signs links and is what a rotation replaces. The stack's first version has
 *     none (GenerateSecretString makes one value): its signing key is then derived from the root.</li>
 * </ul>
 */
public final class KeyRing {
    static final String HMAC = "HmacSHA256";
    public static final int MIN_LENGTH = 32;

    private final SigningKey current;
    private final Optional<SigningKey> previous;
    private final Map<HashPurpose, SecretKeySpec> subkeys = new EnumMap<>(HashPurpose.class);

    private KeyRing(byte[] root, SigningKey current, Optional<SigningKey> previous) {
        this.current = current;
        this.previous = previous;
        SecretKeySpec rootKey = new SecretKeySpec(root, HMAC);
        for (HashPurpose purpose : HashPurpose.values()) {
            subkeys.put(purpose, new SecretKeySpec(hmac(rootKey, ("paperboy/subkey/" + purpose.label).getBytes(StandardCharsets.UTF_8)), HMAC));
        }
    }

    /** The ring of the secret's current version and, if there is one, its previous version. */
    public static KeyRing parse(String currentVersion, Optional<String> previousVersion) {
        Version now = Version.parse(currentVersion, "current");
        Optional<Version> before = previousVersion.map(v -> Version.parse(v, "previous"));
        if (before.isPresent() && !MessageDigest.isEqual(before.get().root(), now.root())) {
            throw new IllegalStateException("the keys secret's current and previous versions have different roots: every subscriber id "
                    + "would change. Put a version with the earlier root back (README, Operations: rotating the signing key).");
        }
        return new KeyRing(now.root(), now.signingKey(), before.map(Version::signingKey).filter(k -> !k.id().equals(now.signingKey().id())));
    }

    /** Whether a version carries a signing key of its own, i.e. the secret has been rotated (its previous version matters). */
    public static boolean hasOwnSigningKey(String version) {
        try {
            JsonNode json = Json.MAPPER.readTree(version);
            return json != null && json.hasNonNull("signing");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return true; // let parse() say what is wrong with it
        }
    }

    /** A secret value, as the stack generates it ({@code signing} empty) or as a rotation writes it. */
    public static String secretValue(String root, Optional<String> signing) {
        Map<String, String> value = new java.util.LinkedHashMap<>();
        value.put("root", root);
        signing.ifPresent(s -> value.put("signing", s));
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key new links are signed with. */
    public SigningKey current() {
        return current;
    }

    /** The keys a token naming this key id may have been signed with: current, previous, or none. */
    public List<SigningKey> withId(String id) {
        List<SigningKey> keys = new ArrayList<>(2);
        if (current.id().equals(id)) {
            keys.add(current);
        }
        previous.filter(k -> k.id().equals(id)).ifPresent(keys::add);
        return keys;
    }

    public Optional<SigningKey> previous() {
        return previous;
    }

    /** HMAC-SHA256 of the text under the purpose's subkey, in hex (64 characters). */
    public String hash(HashPurpose purpose, String text) {
        return HexFormat.of().formatHex(hmac(subkeys.get(purpose), text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "KeyRing[signing " + current.id() + previous.map(p -> ", previous " + p.id()).orElse("") + "]";
    }

    static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private record Version(byte[] root, SigningKey signingKey) {
        static Version parse(String value, String which) {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(value);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // Not the parser's message: it would quote the secret.
                throw new IllegalStateException("the keys secret's " + which + " version is not JSON");
            }
            String root = text(json, "root", which).orElseThrow(() -> new IllegalStateException(
                    "the keys secret's " + which + " version has no root of at least " + MIN_LENGTH + " characters"));
            byte[] rootBytes = root.getBytes(StandardCharsets.UTF_8);
            byte[] signing = text(json, "signing", which).map(s -> s.getBytes(StandardCharsets.UTF_8))
                    .orElseGet(() -> hmac(new SecretKeySpec(rootBytes, HMAC), "paperboy/subkey/signing-initial".getBytes(StandardCharsets.UTF_8)));
            return new Version(rootBytes, SigningKey.of(signing));
        }

        private static Optional<String> text(JsonNode json, String field, String which) {
            JsonNode node = json == null ? null : json.get(field);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isTextual() || node.asText().length() < MIN_LENGTH) {
                throw new IllegalStateException("the keys secret's " + which + " version: " + field + " must be a string of at least "
                        + MIN_LENGTH + " characters");
            }
            return Optional.of(node.asText());
        }
    }
}
