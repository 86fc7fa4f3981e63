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
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    private final Duration timeout;
    private final String userAgent;

    public UrlConnectionGet(Duration timeout, String userAgent) {
        this.timeout = timeout;
        this.userAgent = userAgent;
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
            byte[] body = stream == null ? new byte[0] : readBounded(stream);
            return new HttpResponse(status, connection.getHeaderFields(), body);
        } finally {
            connection.disconnect();
        }
    }

    private static byte[] readBounded(InputStream stream) throws IOException {
        try (stream) {
            byte[] body = stream.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new IOException("response body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }
}
