package dev.paperboy.subscriber;

/**
 * A subscriber's id is a hash of the address, so that everything about one address is one item:
 * lookups by address are a GetItem, and racing subscribe / unsubscribe / preference changes
 * for one address meet on that item's version instead of on two items kept in step.
 */
public final class SubscriberId {
    private SubscriberId() {
    }

    public static String of(EmailAddress email) {
        return Hashes.sha256Hex("subscriber:" + email.value()).substring(0, 32);
    }

    public static boolean looksValid(String id) {
        return id != null && id.matches("[0-9a-f]{32}");
    }
}
