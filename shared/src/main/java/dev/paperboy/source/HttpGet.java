package dev.paperboy.source;

import java.io.IOException;
import java.net.URI;

/** Fetches a URL. The seam between a source's logic and the network. */
@FunctionalInterface
public interface HttpGet {
    HttpResponse get(URI uri) throws IOException;
}
