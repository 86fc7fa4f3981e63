package dev.paperboy.source;

/** Keeps raw source responses, exactly as they arrived, before anything parses them. */
@FunctionalInterface
public interface RawArchive {
    /** Stores the body under the key and returns the key. */
    String store(String key, byte[] body);
}
