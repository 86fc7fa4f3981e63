package dev.paperboy.functions.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.digest.DigestRecords;
import dev.paperboy.json.Json;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.Tokens;
import dev.paperboy.web.WebResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The private feed over the API on the local AWS: digest records written as the sender writes them,
 * the feed read from SubscribersTable and PapersTable, the link replaced, the feed turned off.
 */
class PrivateFeedIT {
    private static final LocalDate THURSDAY = LocalDate.of(2025, 8, 28);
    private static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);
    private static final Pattern FEED_LINK = Pattern.compile("https://paperboy\\.test(/feeds/[^\"?]+\\?token=[^\"]+)");

    private final ApiHarness h = new ApiHarness();
    private final DigestRecords records = new DigestRecords(h.aws.dynamoDb(), h.stack.name("SubscribersTable"));

    /** A confirmed subscriber with a mailed Thursday digest and a feed-only Friday one. */
    private String subscriberWithTwoDigests(Preferences.Delivery delivery) {
        h.storeDay(THURSDAY, List.of(SubscriptionsApiIT.paper("2508.93001", "Thursday Agents", 40, List.of("agents"))));
        h.storeDay(FRIDAY, List.of(SubscriptionsApiIT.paper("2508.93002", "Friday Robots & <Co>", 90, List.of("robots")),
                SubscriptionsApiIT.paper("2508.93003", "Friday Diffusion", 70, List.of("diffusion"))));
        EmailAddress address = EmailAddress.parse(ApiHarness.newAddress());
        String id = SubscriberId.of(h.keys, address);
        h.subscribers.create(new Subscriber(id, address, Subscriber.Status.CONFIRMED,
                new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of(), 5, 0).withDelivery(delivery),
                ApiHarness.START, ApiHarness.START, Optional.of(ApiHarness.START), 1), Optional.empty());
        Period thursday = new Period(Preferences.Frequency.DAILY, THURSDAY);
        records.claim(id, thursday, ApiHarness.START);
        records.markHandedToSes(id, thursday, List.of("2508.93001"), ApiHarness.START);
        records.markSent(id, thursday, "ses-1", List.of("2508.93001"), "digests/t", ApiHarness.START);
        Period friday = new Period(Preferences.Frequency.DAILY, FRIDAY);
        records.claim(id, friday, ApiHarness.START.plusSeconds(86_400));
        records.markDeliveredToFeed(id, friday, List.of("2508.93003", "2508.93002"), ApiHarness.START.plusSeconds(86_400));
        // A digest that never got out is not in the feed.
        records.claim(id, new Period(Preferences.Frequency.DAILY, FRIDAY.plusDays(3)), ApiHarness.START.plusSeconds(4 * 86_400));
        return id;
    }

    private String preferencesToken(String id) {
        return URLEncoder.encode(h.tokens.issue(Tokens.Purpose.MANAGE, id), StandardCharsets.UTF_8);
    }

    /** The feed's addresses the preferences page shows, as paths with their query. */
    private List<String> feedLinksOnThePage(String id) {
        String page = h.get("/preferences?token=" + preferencesToken(id)).bodyText();
        Matcher m = FEED_LINK.matcher(page);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1).replace("&amp;", "&"));
        }
        return found;
    }

    @Test
    void theFeedListsTheDeliveredDigestsNewestFirstAndReplacingItsLinkEndsTheOldOne() throws Exception {
        String id = subscriberWithTwoDigests(Preferences.Delivery.FEED);
        List<String> links = feedLinksOnThePage(id);
        assertEquals(2, links.size(), "Atom and RSS: " + links);

        WebResponse atom = h.get(links.get(0));
        WebResponse rss = h.get(links.get(1));

        assertEquals(200, atom.status(), atom.bodyText());
        assertEquals("private, max-age=300", atom.headers().get("Cache-Control"));
        String body = atom.bodyText();
        int diffusion = body.indexOf("<title>Friday Diffusion</title>");
        int robots = body.indexOf("<title>Friday Robots &amp; &lt;Co&gt;</title>");
        int agents = body.indexOf("<title>Thursday Agents</title>");
        assertTrue(diffusion > 0 && diffusion < robots && robots < agents, "newest digest first, each in its order: " + body);
        assertTrue(body.contains("<name>Ada Lovelace</name>"));
        assertEquals(3, body.split("<entry>", -1).length - 1, "the unfinished digest is not in the feed");
        assertEquals(200, rss.status());
        assertEquals(3, rss.bodyText().split("<item>", -1).length - 1);
        WebResponse unchanged = h.get(links.get(0), "if-none-match", atom.headers().get("ETag"));
        assertEquals(304, unchanged.status(), "a reader holding the feed as it stands gets no body");
        assertEquals(0, unchanged.body().length);

        WebResponse replaced = h.postForm("/preferences/feed-link", Map.of("token", h.tokens.issue(Tokens.Purpose.MANAGE, id)),
                "accept", "application/json");
        assertEquals(200, replaced.status(), replaced.bodyText());
        JsonNode newLinks = Json.MAPPER.readTree(replaced.bodyText());
        assertEquals(1, h.subscribers.find(id).orElseThrow().feedGeneration(), "stored");

        WebResponse old = h.get(links.get(0));
        assertEquals(410, old.status());
        assertTrue(old.bodyText().contains("replaced by a newer one"), old.bodyText());
        assertEquals(410, h.get(links.get(1)).status(), "the old RSS address too");
        URI fresh = URI.create(newLinks.path("atom").asText());
        WebResponse now = h.get(fresh.getRawPath() + "?" + fresh.getRawQuery());
        assertEquals(200, now.status());
        assertEquals(3, now.bodyText().split("<entry>", -1).length - 1);
        assertEquals(List.of(fresh.getRawPath() + "?" + fresh.getRawQuery()), feedLinksOnThePage(id).subList(0, 1),
                "the page shows the new address");
    }

    @Test
    void leavingEndsTheFeedLinkForGoodAndComingBackGivesANewOne() {
        String email = ApiHarness.newAddress();
        h.subscribe(email);
        String id = h.subscriber(email).id();
        assertEquals(404, h.get(feedLinksOnThePage(id).get(0)).status(), "not live before the address is confirmed");
        h.confirm(h.linkInLatestMail(email, "/confirm"));
        String before = feedLinksOnThePage(id).get(0);
        assertEquals(200, h.get(before).status());

        assertEquals(200, h.send("POST", "/unsubscribe?token=" + h.token(Tokens.Purpose.UNSUBSCRIBE, email), new byte[0]).status());
        WebResponse ended = h.get(before);
        assertEquals(410, ended.status());
        assertTrue(ended.bodyText().contains("ended with its subscription"), ended.bodyText());

        h.clock.advance(java.time.Duration.ofMinutes(11));
        h.subscribe(email);
        h.confirm(h.linkInLatestMail(email, "/confirm"));
        assertEquals(Subscriber.Status.CONFIRMED, h.subscriber(email).status());
        WebResponse old = h.get(before);
        assertEquals(410, old.status(), "coming back does not revive the link of before");
        assertTrue(old.bodyText().contains("replaced by a newer one"), old.bodyText());
        String after = feedLinksOnThePage(id).get(0);
        assertTrue(!after.equals(before), after);
        assertEquals(200, h.get(after).status());
    }

    @Test
    void aMailOnlySubscribersFeedIsOff() {
        String id = subscriberWithTwoDigests(Preferences.Delivery.BOTH);
        String atom = feedLinksOnThePage(id).get(0);
        assertEquals(200, h.get(atom).status());

        WebResponse saved = h.postForm("/preferences", Map.of("token", h.tokens.issue(Tokens.Purpose.MANAGE, id), "delivery", "mail"));
        assertEquals(200, saved.status(), saved.bodyText());

        WebResponse off = h.get(atom);
        assertEquals(404, off.status());
        assertTrue(off.bodyText().contains("This feed is off"), off.bodyText());
        assertEquals(List.of(), feedLinksOnThePage(id), "the page shows no feed address");
    }
}
