package dev.paperboy.keys;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key that signs links. Its id is derived from the key itself (an HMAC of a fixed label, so it
 * tells nothing about the key): tokens name the key that signed them, and nobody has to number
 * versions by hand when rotating.
 */
public record SigningKey(String id, SecretKeySpec key) {
    public static final int ID_LENGTH = 6;

    static SigningKey of(byte[] material) {
        SecretKeySpec key = new SecretKeySpec(material, KeyRing.HMAC);
        String id = HexFormat.of().formatHex(KeyRing.hmac(key, "paperboy/key-id".getBytes(StandardCharsets.UTF_8)))
                .substring(0, ID_LENGTH);
        return new SigningKey(id, key);
    }

    @Override
    public String toString() {
        return "SigningKey[" + id + "]";
    }
}
