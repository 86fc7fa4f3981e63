package dev.paperboy.subscriber;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The public URLs of the subscriptions API, with signed tokens in them. */
public final class Links {
    private final String baseUrl;
    private final Tokens tokens;

    public Links(String baseUrl, Tokens tokens) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.tokens = tokens;
    }

    public String confirm(String subscriberId) {
        return withToken("/confirm", Tokens.Purpose.CONFIRM, subscriberId);
    }

    public String preferences(String subscriberId) {
        return withToken("/preferences", Tokens.Purpose.MANAGE, subscriberId);
    }

    public String unsubscribe(String subscriberId) {
        return withToken("/unsubscribe", Tokens.Purpose.UNSUBSCRIBE, subscriberId);
    }

    /** The "view in browser" page of a sent digest: its token opens that digest only. */
    public String digest(String periodId, String subscriberId) {
        return baseUrl + "/digests/" + periodId + "?token=" + URLEncoder.encode(tokens.issueForDigest(subscriberId, periodId), StandardCharsets.UTF_8);
    }

    /** The formats of the private feed, each its own address ({@code /feeds/<generation>.atom}, {@code .rss}). */
    public enum FeedFormat {
        ATOM, RSS;

        public String extension() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The subscriber's private feed. The path names the feed generation its token is signed for (a
     * number, not secret: access logs keep paths); the token stays in the query, like every link's.
     */
    public String feed(Subscriber subscriber, FeedFormat format) {
        return baseUrl + "/feeds/" + subscriber.feedGeneration() + "." + format.extension() + "?token=" + URLEncoder.encode(
                tokens.issueForFeed(subscriber.id(), subscriber.feedGeneration(), subscriber.createdAt()), StandardCharsets.UTF_8);
    }

    public String home() {
        return baseUrl + "/";
    }

    private String withToken(String path, Tokens.Purpose purpose, String subscriberId) {
        return baseUrl + path + "?token=" + URLEncoder.encode(tokens.issue(purpose, subscriberId), StandardCharsets.UTF_8);
    }
}
