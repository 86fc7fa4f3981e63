package dev.paperboy.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code /static/style.css}: the pages' one stylesheet (their CSP allows no other), read once from the jar. */
final class Stylesheet implements Flow {
    private static final byte[] STYLE = resource("/web/style.css");

    @Override
    public WebResponse answer(WebRequest request) {
        return WebResponse.of(200, "text/css; charset=utf-8", STYLE, "public, max-age=3600");
    }

    private static byte[] resource(String name) {
        try (InputStream in = Stylesheet.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
