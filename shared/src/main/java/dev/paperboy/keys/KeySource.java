package dev.paperboy.keys;

import java.util.Optional;

/** Where the keys secret's versions come from: Secrets Manager in a function, a fixed value in a test. */
public interface KeySource {
    /** The current version's value and, after a rotation, the previous one's. */
    Versions read();

    record Versions(String current, Optional<String> previous) {
        @Override
        public String toString() {
            return "Versions[" + (previous.isPresent() ? "current, previous" : "current") + "]";
        }
    }

    static KeySource fixed(String current, Optional<String> previous) {
        Versions versions = new Versions(current, previous);
        return () -> versions;
    }
}
