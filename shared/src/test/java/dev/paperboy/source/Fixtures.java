package dev.paperboy.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the hand-written Hugging Face responses under src/test/resources/hf. */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] hf(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/hf/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture hf/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
