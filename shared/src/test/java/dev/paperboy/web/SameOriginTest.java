package dev.paperboy.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SameOriginTest {
    private static final Set<String> OURS = Set.of("https://papers.example.org", "https://abc123.execute-api.eu-west-1.amazonaws.com");

    private static WebRequest post(String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return new WebRequest("POST", "/subscribe", Map.<String, List<String>>of(), h, new byte[0], "192.0.2.1", "papers.example.org");
    }

    @Test
    void aPostFromAnotherSitesPageIsCrossSite() {
        assertTrue(SameOrigin.isCrossSite(post("sec-fetch-site", "cross-site", "origin", "https://evil.example"), OURS));
        assertTrue(SameOrigin.isCrossSite(post("sec-fetch-site", "cross-site"), OURS));
        assertTrue(SameOrigin.isCrossSite(post("sec-fetch-site", "same-site", "origin", "https://other.execute-api.eu-west-1.amazonaws.com"), OURS),
                "a sibling subdomain may be someone else's");
        assertTrue(SameOrigin.isCrossSite(post("origin", "https://evil.example"), OURS), "an older browser that only sends Origin");
        assertTrue(SameOrigin.isCrossSite(post("origin", "null"), OURS), "sandboxed frames and data: pages send Origin: null");
        assertTrue(SameOrigin.isCrossSite(post("origin", "http://papers.example.org"), OURS), "another scheme is another origin");
    }

    @Test
    void ourOwnPagesCurlAndTypedRequestsGoAhead() {
        assertFalse(SameOrigin.isCrossSite(post("sec-fetch-site", "same-origin", "origin", "https://papers.example.org"), OURS));
        assertFalse(SameOrigin.isCrossSite(post("sec-fetch-site", "none"), OURS));
        assertFalse(SameOrigin.isCrossSite(post("origin", "https://Papers.Example.org/"), OURS));
        assertFalse(SameOrigin.isCrossSite(post("origin", "https://abc123.execute-api.eu-west-1.amazonaws.com"), OURS));
        assertFalse(SameOrigin.isCrossSite(post(), OURS), "curl sends neither header");
    }
}
