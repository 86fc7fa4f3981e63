package dev.paperboy.subscriber;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The inbox an address reaches, for counting mail to it: {@code Victim@x}, {@code VICTIM@x} and
 * {@code victim+anything@x} are one mailbox. Only for limits: the address itself is kept and
 * mailed as typed.
 *
 * <ul>
 *   <li>The local part is lower-cased: RFC 5321 lets it be case-sensitive, but no mail provider
 *       people use treats it so; at worst two case-twins share one limit.</li>
 *   <li>Everything from the first {@code +} is dropped: Gmail, Outlook, iCloud, Fastmail, Proton
 *       and most self-hosted servers deliver {@code +tag} to the untagged mailbox.</li>
 *   <li>Dots are dropped for {@code gmail.com} and {@code googlemail.com} only (and the two
 *       domains are one): Gmail documents that dots do not matter, so {@code v.ictim@gmail.com}
 *       would otherwise give an attacker 2^(n-1) fresh mailboxes for one n-letter victim, at the
 *       largest provider. Elsewhere a dot may separate two people ({@code jo.smith} and
 *       {@code josmith} at a company), so it is kept.</li>
 * </ul>
 */
public record Mailbox(String value) {
    private static final Set<String> DOTLESS = Set.of("gmail.com", "googlemail.com");

    public static Mailbox of(EmailAddress email) {
        String address = email.value();
        int at = address.lastIndexOf('@');
        String local = address.substring(0, at).toLowerCase(Locale.ROOT);
        String domain = address.substring(at + 1); // EmailAddress lower-cased it already
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        if (DOTLESS.contains(domain)) {
            local = local.replace(".", "");
            domain = "gmail.com";
        }
        return new Mailbox(local + "@" + domain);
    }

    /**
     * A keyed hash (HMAC-SHA256) of the mailbox, the key of its counters: a bare hash would let
     * anyone who reads the table test a guessed address.
     */
    public String keyedId(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("mailbox:" + value).getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "Mailbox[redacted]"; // the address must not reach a log
    }
}
