package dev.paperboy.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response: status, headers, body. */
public record WebResponse(int status, Map<String, String> headers, byte[] body) {
    /** What every page allows: styles only from ourselves, forms only to ourselves. */
    private static final String PAGE_RULES = "style-src 'self'; img-src 'self' https: data:; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";
    /** No script. */
    public static final String CSP = "default-src 'none'; " + PAGE_RULES;
    /** The preferences page's: its preview script and the requests it makes, from and to ourselves only (nothing inline). */
    public static final String CSP_WITH_OUR_SCRIPT = "default-src 'none'; script-src 'self'; connect-src 'self'; " + PAGE_RULES;

    public static WebResponse html(int status, String html) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Content-Security-Policy", CSP);
        headers.put("X-Content-Type-Options", "nosniff");
        // Pages carry signed tokens in their URLs: never send them on to another site.
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cache-Control", "no-store");
        return new WebResponse(status, headers, html.getBytes(StandardCharsets.UTF_8));
    }

    public static WebResponse json(int status, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cache-Control", "no-store");
        return new WebResponse(status, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /** 304: what the client holds is current; no body. */
    public static WebResponse notModified(String cacheControl) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", cacheControl);
        return new WebResponse(304, headers, new byte[0]);
    }

    public static WebResponse of(int status, String contentType, byte[] body, String cacheControl) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cache-Control", cacheControl);
        return new WebResponse(status, headers, body);
    }

    public WebResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new WebResponse(status, copy, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
