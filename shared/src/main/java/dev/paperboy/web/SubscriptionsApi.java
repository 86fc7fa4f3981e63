package dev.paperboy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperboy.digest.DigestArchive;
import dev.paperboy.digest.SubscriberFeed;
import dev.paperboy.digest.DigestPreview;
import dev.paperboy.json.JsonLog;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.PaperLookup;
import dev.paperboy.subscriber.ConcurrentChangeException;
import dev.paperboy.subscriber.InvalidInputException;
import dev.paperboy.subscriber.SubscriptionActions;
import java.util.Map;
import java.util.Optional;

/**
 * The subscriptions HTTP API: the page, subscribing, confirming, preferences, unsubscribing, the
 * papers as JSON and RSS, each subscriber's private feed. The routes are listed below; {@link Router}
 * and {@link Gate} pick and admit, the flows do the work, {@link Answers} shapes every answer (pages for browsers, JSON for
 * clients that ask for it). Every exception becomes an answer here.
 */
public final class SubscriptionsApi {
    private final Router router;
    private final Metrics metrics;

    /**
     * {@code publicBaseUrl} is where people reach the API (a custom domain); without one, links
     * point at the API Gateway domain that served the request. {@code postLimiter} and {@code
     * getLimiter} count per client address; {@code subscribeFloor} is the least time a subscribe
     * answer takes, whatever was done. {@code feed} reads a subscriber's private feed.
     */
    public SubscriptionsApi(SubscriptionActions subscriptions, PaperLookup papers, RateLimiter postLimiter, RateLimiter getLimiter,
                            ResponseFloor subscribeFloor, Optional<String> publicBaseUrl, DigestArchive digests, Metrics metrics,
                            SubscriberFeed feed) {
        this.metrics = metrics;
        SiteLinks site = new SiteLinks(publicBaseUrl, subscriptions);
        IndexPage index = new IndexPage(papers);
        PaperFeeds feeds = new PaperFeeds(papers, site);
        ConfirmFlow confirm = new ConfirmFlow(subscriptions, site);
        PreviewFlow preview = new PreviewFlow(subscriptions, new DigestPreview(papers));
        PreferencesFlow preferences = new PreferencesFlow(subscriptions, site, preview);
        UnsubscribeFlow unsubscribe = new UnsubscribeFlow(subscriptions);
        this.router = new Router(new Gate(postLimiter, getLimiter, subscriptions::isUnsubscribeToken, site), Map.ofEntries(
                Map.entry("/", Router.Route.get(index)),
                Map.entry("/subscribe", Router.Route.post(new SubscribeFlow(subscriptions, subscribeFloor, site, index))),
                Map.entry("/confirm", Router.Route.getAndPost(confirm::page, confirm::confirm)),
                Map.entry("/preferences", Router.Route.getAndPost(preferences::show, preferences::save)),
                Map.entry("/preferences/feed-link", Router.Route.post(preferences::replaceFeedLink)),
                Map.entry("/preferences/preview", Router.Route.get(preview)),
                Map.entry("/unsubscribe", Router.Route.getAndPost(unsubscribe::page, unsubscribe::unsubscribe).asWayOut()),
                Map.entry("/api/papers", Router.Route.get(feeds::json)),
                Map.entry("/feed.xml", Router.Route.get(feeds::rss)),
                Map.entry("/static/style.css", Router.Route.get(StaticFile.stylesheet("/web/style.css"))),
                Map.entry("/static/preview.js", Router.Route.get(StaticFile.script("/web/preview.js")))),
                Map.of(DigestPage.PREFIX, Router.Route.get(new DigestPage(subscriptions, digests)),
                        FeedPage.PREFIX, Router.Route.get(new FeedPage(subscriptions, feed, site))));
    }

    /** An API Gateway HTTP API event in, its response out. */
    public ObjectNode handle(JsonNode event) {
        WebRequest request;
        try {
            request = ApiGatewayHttp.request(event);
        } catch (InvalidInputException | IllegalArgumentException e) {
            // A query that does not decode, a body that is not the base64 it claims to be.
            boolean json = event.path("headers").path("accept").asText("").contains("application/json");
            return ApiGatewayHttp.response(Answers.error(json, 400,
                    e instanceof InvalidInputException ? e.getMessage() : "The request is malformed."));
        }
        return ApiGatewayHttp.response(handle(request));
    }

    /**
     * Every exception becomes an answer, so Lambda's Errors metric never sees one: each 5xx answer is
     * counted as {@code ApiServerErrors} instead, which an alarm watches.
     */
    public WebResponse handle(WebRequest request) {
        WebResponse response = answer(request);
        if (response.status() >= 500) {
            metrics.count("ApiServerErrors");
        }
        return response;
    }

    private WebResponse answer(WebRequest request) {
        try {
            return router.route(request);
        } catch (InvalidInputException e) {
            return Answers.error(request, 400, e.getMessage());
        } catch (ConcurrentChangeException e) {
            // Other changes to the same address kept winning: nothing was written, and trying
            // again shortly will work, which a 500 would not say.
            JsonLog.info("change overtaken", Map.of("path", Echo.clip(request.path(), 200), "error", JsonLog.describe(e)));
            // Worded alike for every path, so that it tells nothing about an address.
            return Answers.error(request, 503, "Too many changes at once; please try again in a moment.")
                    .withHeader("Retry-After", "1");
        } catch (RuntimeException e) {
            JsonLog.error("request failed", Map.of("method", Echo.method(request.method()), "path", Echo.clip(request.path(), 200),
                    "error", JsonLog.describe(e)));
            return Answers.error(request, 500, "Something went wrong on our side. Please try again in a minute.");
        }
    }
}
