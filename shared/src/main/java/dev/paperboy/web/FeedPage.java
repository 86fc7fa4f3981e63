package dev.paperboy.web;

import dev.paperboy.digest.DigestHistory;
import dev.paperboy.digest.SubscriberFeed;
import dev.paperboy.render.Feed;
import dev.paperboy.subscriber.Links;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriptionActions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /feeds/<generation>.atom} and {@code .rss}: a subscriber's private feed of their digests.
 * The token is signed for the generation the path names; a link of an older generation (replaced on
 * the preferences page) is gone, and a subscriber who takes mail only has the feed off.
 */
final class FeedPage implements Flow {
    static final String PREFIX = "/feeds/";
    private static final Pattern PATH = Pattern.compile("/feeds/(\\d{1,9})\\.(atom|rss)");
    /** Feed readers poll; a digest comes at most once a day, so five minutes of a reader's cache lose nothing. */
    static final String CACHE = "private, max-age=300";

    private final SubscriptionActions subscriptions;
    private final SubscriberFeed feed;
    private final SiteLinks site;

    FeedPage(SubscriptionActions subscriptions, SubscriberFeed feed, SiteLinks site) {
        this.subscriptions = subscriptions;
        this.feed = feed;
        this.site = site;
    }

    @Override
    public WebResponse answer(WebRequest request) {
        Matcher path = PATH.matcher(request.path());
        if (!path.matches()) {
            return Answers.error(request, 404, "There is no feed at this address.");
        }
        long generation = Long.parseLong(path.group(1));
        Links.FeedFormat format = path.group(2).equals("atom") ? Links.FeedFormat.ATOM : Links.FeedFormat.RSS;
        Optional<String> token = request.param("token");
        Optional<Subscriber> owner = token.flatMap(t -> subscriptions.feedOwner(t, generation));
        if (owner.isEmpty()) {
            return Answers.error(request, 404, "This feed link is invalid.");
        }
        Subscriber subscriber = owner.get();
        if (subscriber.status() == Subscriber.Status.UNSUBSCRIBED || subscriber.status() == Subscriber.Status.SUPPRESSED) {
            return Answers.error(request, 410, "This feed ended with its subscription.");
        }
        if (subscriber.feedGeneration() != generation) {
            return Answers.error(request, 410, "This feed link was replaced by a newer one and no longer works. "
                    + "The new one is on your preferences page, linked from every digest mail.");
        }
        if (!subscriber.receivesDigests()) {
            return Answers.error(request, 404, "This feed starts once the subscription is confirmed.");
        }
        if (!subscriber.preferences().delivery().feeds()) {
            return Answers.error(request, 404, "This feed is off: your digests come by mail only. "
                    + "To turn it on, choose a delivery with the feed on your preferences page.");
        }
        List<DigestHistory.Delivered> digests = feed.digests(subscriber.id());
        // Readers poll with the tag they were given: an unchanged feed is answered without reading its papers.
        String etag = "W/\"" + generation + "." + format.extension() + "." + SubscriberFeed.version(digests) + "\"";
        if (request.header("If-None-Match").filter(tags -> tags.contains(etag) || tags.strip().equals("*")).isPresent()) {
            return WebResponse.notModified(CACHE).withHeader("ETag", etag).withHeader("Referrer-Policy", "no-referrer");
        }
        List<Feed.Entry> entries = feed.entries(digests);
        String home = site.of(request).home();
        // The address it was read at, token and all: a reader that follows "self" keeps the link it has.
        String self = home.replaceAll("/$", "") + request.path() + "?token=" + URLEncoder.encode(token.get(), StandardCharsets.UTF_8);
        Feed.Channel channel = new Feed.Channel(home + "feeds#" + subscriber.id(), "Paperboy: your digests", self, home,
                "The papers of your Paperboy digests, newest first");
        String xml = format == Links.FeedFormat.ATOM ? Feed.atom(channel, entries) : Feed.rssOfDigests(channel, entries);
        String type = format == Links.FeedFormat.ATOM ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
        return WebResponse.of(200, type, xml.getBytes(StandardCharsets.UTF_8), CACHE).withHeader("ETag", etag)
                // The address carries its token: links followed from a reader's page must not pass it on.
                .withHeader("Referrer-Policy", "no-referrer");
    }
}
