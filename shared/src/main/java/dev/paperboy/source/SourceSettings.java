package dev.paperboy.source;

import java.net.URI;

/**
 * How the Daily Papers API is asked: where, how many entries a page ({@code limit}), how many
 * pages a day at most, and how failed requests are retried.
 */
public record SourceSettings(URI baseUrl, int pageSize, int maxPages, RetryPolicy retry) {
    public SourceSettings {
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("page size must be 1..100 (the API refuses more), got " + pageSize);
        }
        baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
    }
}
