package dev.paperboy.subscriber;

import dev.paperboy.keys.HashPurpose;
import dev.paperboy.keys.Keys;
import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A checked, normalised address: trimmed, domain lower-cased (and in ASCII), no control
 * characters, so it is safe in a mail header and as a lookup key. Quoted local parts and IP
 * literals are refused: real subscribers do not use them, header injection does.
 */
public record EmailAddress(String value) {
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public static EmailAddress parse(String raw) {
        if (raw == null) {
            throw new InvalidInputException("Enter your email address.");
        }
        String text = raw.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("Enter your email address.");
        }
        if (text.length() > 254) {
            throw new InvalidInputException("That email address is too long.");
        }
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidInputException("That email address contains control characters.");
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1 || text.indexOf('@') != at) {
            throw new InvalidInputException("That does not look like an email address.");
        }
        String local = text.substring(0, at);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            throw new InvalidInputException("That does not look like an email address.");
        }
        String domain;
        try {
            domain = IDN.toASCII(text.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("That email address has an invalid domain.");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2 || domain.length() > 253) {
            throw new InvalidInputException("That email address has an invalid domain.");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidInputException("That email address has an invalid domain.");
            }
        }
        return new EmailAddress(local + "@" + domain);
    }

    /** For logs: which address, without saying it, and without letting a reader test a guess (keyed). */
    public String hash(Keys keys) {
        return keys.hash(HashPurpose.LOG, value).substring(0, 16);
    }

    @Override
    public String toString() {
        return "EmailAddress[redacted]";
    }
}
