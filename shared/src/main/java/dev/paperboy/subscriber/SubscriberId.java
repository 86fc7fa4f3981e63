package dev.paperboy.subscriber;

import dev.paperboy.keys.HashPurpose;
import dev.paperboy.keys.Keys;

/**
 * A subscriber's id is a keyed hash (HMAC) of the address, so that everything about one address
 * is one item: lookups by address are a GetItem, and racing subscribe / unsubscribe / preference
 * changes for one address meet on that item's version instead of on two items kept in step.
 * Keyed, so that an id (in a link, a log line, a table export) does not let anyone test a guessed
 * address: without the secret's root, nobody can compute the id of an address.
 */
public final class SubscriberId {
    private SubscriberId() {
    }

    public static String of(Keys keys, EmailAddress email) {
        return keys.hash(HashPurpose.SUBSCRIBER_ID, email.value()).substring(0, 32);
    }

    public static boolean looksValid(String id) {
        return id != null && id.matches("[0-9a-f]{32}");
    }
}
