package dev.paperboy.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code /static/...}: the pages' stylesheet and the preferences page's script (their CSP allows
 * no others), each read once from the jar.
 */
final class StaticFile implements Flow {
    private final String contentType;
    private final byte[] body;

    private StaticFile(String resource, String contentType) {
        this.contentType = contentType;
        this.body = resource(resource);
    }

    static StaticFile stylesheet(String resource) {
        return new StaticFile(resource, "text/css; charset=utf-8");
    }

    static StaticFile script(String resource) {
        return new StaticFile(resource, "text/javascript; charset=utf-8");
    }

    @Override
    public WebResponse answer(WebRequest request) {
        return WebResponse.of(200, contentType, body, "public, max-age=3600");
    }

    private static byte[] resource(String name) {
        try (InputStream in = StaticFile.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
