package dev.paperboy.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/**
 * GET over the JDK's HttpURLConnection: the SDK's HTTP client already loads these classes,
 * so a second HTTP stack (java.net.http) would only add to cold start.
 */
public final class UrlConnectionGet implements HttpGet {
    private final Duration timeout;
    private final String userAgent;
    private final int maxBodyBytes;

    /** Reads at most a Daily Papers page's bytes ({@link DailyPapersClient#MAX_PAGE_BYTES}). */
    public UrlConnectionGet(Duration timeout, String userAgent) {
        this(timeout, userAgent, DailyPapersClient.MAX_PAGE_BYTES);
    }

    public UrlConnectionGet(Duration timeout, String userAgent, int maxBodyBytes) {
        this.timeout = timeout;
        this.userAgent = userAgent;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public HttpResponse get(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout((int) timeout.toMillis());
        connection.setReadTimeout((int) timeout.toMillis());
        connection.setInstanceFollowRedirects(true);
        connection.setRequestProperty("Accept", "application/json");
        connection.setRequestProperty("User-Agent", userAgent);
        try {
            int status = connection.getResponseCode();
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            byte[] body = stream == null ? new byte[0] : readBounded(stream, maxBodyBytes);
            return new HttpResponse(status, connection.getHeaderFields(), body);
        } finally {
            connection.disconnect();
        }
    }

    /**
     * Stops one byte past the limit, whatever the server says its length is: a hostile answer of
     * gigabytes costs at most the limit in memory and time; {@code disconnect()} then closes the
     * socket with the rest unread.
     */
    private static byte[] readBounded(InputStream stream, int limit) throws IOException {
        try (stream) {
            byte[] body = stream.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new ResponseTooLargeException(limit);
            }
            return body;
        }
    }
}
