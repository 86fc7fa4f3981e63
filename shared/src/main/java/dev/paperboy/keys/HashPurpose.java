package dev.paperboy.keys;

/**
 * What a keyed hash is for. Each purpose has its own subkey, so one hash cannot be matched with
 * another: a log line's address hash does not reveal the table key, nor an archive key the id.
 */
public enum HashPurpose {
    /** Subscriber ids: the table key of everything about one address. */
    SUBSCRIBER_ID("subscriber-id"),
    /** Addresses in log lines. */
    LOG("log"),
    /** The S3 keys of archived digests. */
    DIGEST_ARCHIVE("digest-archive"),
    /** The confirmation-limit counters of a mailbox (all spellings of one inbox; see Mailbox). */
    MAILBOX("mailbox");

    final String label;

    HashPurpose(String label) {
        this.label = label;
    }
}
