package dev.paperboy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.digest.DigestHistory;
import dev.paperboy.json.Json;
import dev.paperboy.subscriber.Links;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.Tokens;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The private feed's addresses, the replace button and the preferences page's feed part, on fakes of the API's ports. */
class PrivateFeedFlowTest {
    private final ApiFixture fixture = new ApiFixture();
    private final Links links = fixture.subscriptions.links(ApiFixture.BASE);

    private String subscriber(Preferences.Delivery delivery) {
        String id = fixture.subscriptions.add("reader@example.org", Subscriber.Status.CONFIRMED,
                new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of(), 5, 0).withDelivery(delivery));
        fixture.delivered.put(id, List.of(new DigestHistory.Delivered(new Period(Preferences.Frequency.DAILY, ApiFixture.FRIDAY),
                Instant.parse("2025-08-29T11:00:00Z"), List.of("2508.00002", "2508.00001"))));
        return id;
    }

    /** A feed address as the API takes it: path and query, without the site. */
    private static String local(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private String manageToken(String id) {
        return URLEncoder.encode(fixture.subscriptions.token(Tokens.Purpose.MANAGE, id), StandardCharsets.UTF_8);
    }

    @Test
    void theAtomAndRssFeedsListTheDigestsPapersPrivatelyCached() {
        String id = subscriber(Preferences.Delivery.BOTH);

        WebResponse atom = fixture.get(local(links.feed(fixture.subscriptions.get(id), Links.FeedFormat.ATOM)));
        WebResponse rss = fixture.get(local(links.feed(fixture.subscriptions.get(id), Links.FeedFormat.RSS)));

        assertEquals(200, atom.status(), atom.bodyText());
        assertEquals("application/atom+xml; charset=utf-8", atom.headers().get("Content-Type"));
        assertEquals("private, max-age=300", atom.headers().get("Cache-Control"));
        assertEquals("no-referrer", atom.headers().get("Referrer-Policy"));
        String body = atom.bodyText();
        assertTrue(body.indexOf("Robots That Read") < body.indexOf("Diffusion for Everyone") && body.contains("Diffusion for Everyone"),
                "the digest's papers in its order");
        assertEquals(200, rss.status());
        assertEquals("application/rss+xml; charset=utf-8", rss.headers().get("Content-Type"));
        assertTrue(rss.bodyText().contains("<guid isPermaLink=\"false\">https://huggingface.co/papers/2508.00002#2025-08-29-daily</guid>"));
    }

    @Test
    void aReaderAskingWithTheTagItHasGets304UntilADigestIsAdded() {
        String id = subscriber(Preferences.Delivery.BOTH);
        String atom = local(links.feed(fixture.subscriptions.get(id), Links.FeedFormat.ATOM));
        String tag = fixture.get(atom).headers().get("ETag");
        int reads = fixture.feedPaperReads;

        WebResponse unchanged = fixture.get(atom, "if-none-match", tag);

        assertEquals(304, unchanged.status());
        assertEquals(0, unchanged.body().length);
        assertEquals(tag, unchanged.headers().get("ETag"));
        assertEquals("private, max-age=300", unchanged.headers().get("Cache-Control"));
        assertEquals(reads, fixture.feedPaperReads, "no paper read for an unchanged feed");
        String rssTag = fixture.get(local(links.feed(fixture.subscriptions.get(id), Links.FeedFormat.RSS))).headers().get("ETag");
        assertTrue(!rssTag.equals(tag), "each format its own tag");

        List<DigestHistory.Delivered> more = new java.util.ArrayList<>(List.of(new DigestHistory.Delivered(
                new Period(Preferences.Frequency.DAILY, ApiFixture.FRIDAY.plusDays(3)), Instant.parse("2025-09-02T11:00:00Z"), List.of("2508.00001"))));
        more.addAll(fixture.delivered.get(id));
        fixture.delivered.put(id, more);
        WebResponse changed = fixture.get(atom, "if-none-match", tag);

        assertEquals(200, changed.status());
        assertTrue(!changed.headers().get("ETag").equals(tag), changed.headers().get("ETag"));
    }

    @Test
    void replacingTheLinkEndsTheOldOneAndTheNewOneWorks() throws Exception {
        String id = subscriber(Preferences.Delivery.FEED);
        String old = local(links.feed(fixture.subscriptions.get(id), Links.FeedFormat.ATOM));

        WebResponse replaced = fixture.postForm("/preferences/feed-link", "token=" + manageToken(id), "accept", "application/json");

        assertEquals(200, replaced.status(), replaced.bodyText());
        JsonNode answer = Json.MAPPER.readTree(replaced.bodyText());
        assertEquals("replaced", answer.path("status").asText());
        assertTrue(answer.path("atom").asText().startsWith(ApiFixture.BASE + "/feeds/1.atom?token="), answer.toString());
        WebResponse gone = fixture.get(old);
        assertEquals(410, gone.status());
        assertTrue(gone.bodyText().contains("replaced by a newer one"), gone.bodyText());
        assertEquals(200, fixture.get(local(answer.path("atom").asText())).status(), "the new link works");
        assertEquals(200, fixture.get(local(answer.path("rss").asText())).status());
    }

    @Test
    void theReplaceButtonAnswersABrowserWithThePreferencesPageAndItsNewLinks() {
        String id = subscriber(Preferences.Delivery.BOTH);

        WebResponse page = fixture.postForm("/preferences/feed-link", "token=" + manageToken(id));

        assertEquals(200, page.status());
        assertTrue(page.bodyText().contains("Your feed has a new link"), page.bodyText());
        assertTrue(page.bodyText().contains(ApiFixture.BASE + "/feeds/1.atom?token="));
        assertTrue(page.bodyText().contains(ApiFixture.BASE + "/feeds/1.rss?token="));
        assertEquals(1, fixture.subscriptions.get(id).feedGeneration());
    }

    @Test
    void aMailOnlySubscribersFeedSaysItIsOff() {
        String id = subscriber(Preferences.Delivery.MAIL);

        WebResponse off = fixture.get(local(links.feed(fixture.subscriptions.get(id), Links.FeedFormat.ATOM)));
        WebResponse page = fixture.get("/preferences?token=" + manageToken(id));

        assertEquals(404, off.status());
        assertTrue(off.bodyText().contains("This feed is off"), off.bodyText());
        assertTrue(page.bodyText().contains("your feed is off"), "the page says so");
        assertFalse(page.bodyText().contains("/feeds/"), "and shows no feed address");
    }

    @Test
    void thePreferencesPageShowsTheFeedsAddressesAndTheReplaceButton() {
        String id = subscriber(Preferences.Delivery.BOTH);

        String page = fixture.get("/preferences?token=" + manageToken(id)).bodyText();

        assertTrue(page.contains("Your feed"));
        assertTrue(page.contains(ApiFixture.BASE + "/feeds/0.atom?token="));
        assertTrue(page.contains(ApiFixture.BASE + "/feeds/0.rss?token="));
        assertTrue(page.contains("action=\"/preferences/feed-link\""));
        assertTrue(page.indexOf("Replace the feed link") < page.indexOf("Unsubscribe from all mail"), "before the way out");
    }

    @Test
    void aLinkThatIsNotAFeedTokenOrNamesNoFeedIsRefused() {
        String id = subscriber(Preferences.Delivery.BOTH);
        String manage = fixture.subscriptions.token(Tokens.Purpose.MANAGE, id);
        String feedToken = URI.create(links.feed(fixture.subscriptions.get(id), Links.FeedFormat.ATOM)).getRawQuery();

        assertEquals(404, fixture.get("/feeds/0.atom?token=" + URLEncoder.encode(manage, StandardCharsets.UTF_8)).status(),
                "a preferences token opens no feed");
        assertEquals(404, fixture.get("/feeds/0.atom").status(), "no token");
        assertEquals(404, fixture.get("/feeds/1.atom?" + feedToken).status(), "a generation its token was not signed for");
        assertEquals(404, fixture.get("/feeds/0.json?" + feedToken).status(), "no such format");
        assertEquals(404, fixture.get("/feeds/00000000000000000001.atom?" + feedToken).status(), "no such number");
    }

    @Test
    void anUnsubscribedReadersFeedHasEnded() {
        String id = subscriber(Preferences.Delivery.BOTH);
        fixture.subscriptions.unsubscribe(fixture.subscriptions.token(Tokens.Purpose.UNSUBSCRIBE, id));

        WebResponse ended = fixture.get(local(links.feed(fixture.subscriptions.get(id), Links.FeedFormat.ATOM)));

        assertEquals(410, ended.status());
        assertTrue(ended.bodyText().contains("ended with its subscription"));
    }

    @Test
    void aReplacePostFromAnotherSiteChangesNothing() {
        String id = subscriber(Preferences.Delivery.BOTH);

        WebResponse refused = fixture.postForm("/preferences/feed-link", "token=" + manageToken(id), "origin", "https://evil.example");

        assertEquals(403, refused.status());
        assertEquals(0, fixture.subscriptions.get(id).feedGeneration());
    }
}
