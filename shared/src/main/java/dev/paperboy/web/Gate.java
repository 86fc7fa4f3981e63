package dev.paperboy.web;

import dev.paperboy.json.JsonLog;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a request passes before its flow runs: a post made by another site's page is refused,
 * bodies are bounded, and each client address has its own allowance of posts and of reads (in
 * this container). Leaving is never limited: the page of a valid unsubscribe link, and a
 * one-click unsubscribe, which mail providers send from a few shared addresses.
 */
final class Gate {
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final RateLimiter postLimiter;
    private final RateLimiter getLimiter;
    private final Predicate<String> isUnsubscribeToken;
    private final SiteLinks site;

    Gate(RateLimiter postLimiter, RateLimiter getLimiter, Predicate<String> isUnsubscribeToken, SiteLinks site) {
        this.postLimiter = postLimiter;
        this.getLimiter = getLimiter;
        this.isUnsubscribeToken = isUnsubscribeToken;
        this.site = site;
    }

    /** The refusal of a post another site's page made (see {@link SameOrigin}), if it is one. */
    Optional<WebResponse> refuseCrossSite(WebRequest request) {
        if (!SameOrigin.isCrossSite(request, site.origins(request))) {
            return Optional.empty();
        }
        JsonLog.info("cross-site post refused", Map.of("path", Echo.clip(request.path(), 200),
                "origin", Echo.clip(request.header("origin").orElse("-"), 200),
                "secFetchSite", Echo.clip(request.header("sec-fetch-site").orElse("-"), 40)));
        return Optional.of(Answers.error(request, 403, "This form was sent from another website, so nothing was done and no mail was sent. "
                + "To subscribe, use the form on Paperboy's own page."));
    }

    /** A post: bounded and limited, unless it is a small one-click unsubscribe with a valid token on the way out ({@code leaving}). */
    WebResponse post(WebRequest request, boolean leaving, Flow flow) {
        if (leaving && request.body().length <= MAX_BODY_BYTES && carriesUnsubscribeToken(request)) {
            return flow.answer(request);
        }
        if (request.body().length > MAX_BODY_BYTES) {
            return Answers.error(request, 413, "That request is too large.");
        }
        return limited(postLimiter, request, flow);
    }

    /** A GET or HEAD: limited, unless it is the page of a valid unsubscribe link ({@code leaving}). */
    WebResponse read(WebRequest request, boolean leaving, Flow flow) {
        if (leaving && carriesUnsubscribeToken(request)) {
            return flow.answer(request);
        }
        return limited(getLimiter, request, flow);
    }

    private boolean carriesUnsubscribeToken(WebRequest request) {
        return request.param("token").filter(isUnsubscribeToken).isPresent();
    }

    private static WebResponse limited(RateLimiter limiter, WebRequest request, Flow flow) {
        Optional<Duration> wait = limiter.acquire(request.sourceIp());
        if (wait.isEmpty()) {
            return flow.answer(request);
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        return Answers.error(request, 429, "Too many requests from your address; try again in " + seconds + " s.")
                .withHeader("Retry-After", Long.toString(seconds));
    }
}
