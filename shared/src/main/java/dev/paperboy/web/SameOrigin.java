package dev.paperboy.web;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a form post comes from a page of another site, which must not be able to make a
 * visitor's browser subscribe someone. Browsers say where a request comes from: {@code
 * Sec-Fetch-Site} (all current ones) or {@code Origin} (on every POST since about 2020). A
 * request with neither is not from a browser's cross-site form (curl, scripts, old browsers) and
 * goes ahead: what a browser cannot be made to send, another site cannot abuse.
 */
final class SameOrigin {
    private SameOrigin() {
    }

    /**
     * True for a post another site's page made. {@code same-site} counts as another site:
     * sibling subdomains can belong to someone else ({@code *.execute-api.<region>.amazonaws.com}).
     */
    static boolean isCrossSite(WebRequest request, Set<String> ourOrigins) {
        var fetchSite = request.header("sec-fetch-site").map(v -> v.strip().toLowerCase(Locale.ROOT));
        if (fetchSite.isPresent()) {
            // "none": typed, bookmarked or opened from outside a page.
            return !(fetchSite.get().equals("same-origin") || fetchSite.get().equals("none"));
        }
        return request.header("origin")
                .map(origin -> !ourOrigins.contains(normalise(origin)))
                .orElse(false);
    }

    static String normalise(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
