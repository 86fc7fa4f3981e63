package dev.paperboy.functions.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.Tokens;
import dev.paperboy.web.RateLimiter;
import dev.paperboy.web.WebResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every route of the subscriptions API against the local AWS: tables, SES, and the mail it accepted. */
class SubscriptionsApiIT {
    private static final LocalDate THURSDAY = LocalDate.of(2025, 8, 28);
    private static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);
    private static ApiHarness h;

    @BeforeAll
    static void setUp() {
        h = new ApiHarness();
        h.storeDay(THURSDAY, List.of(paper("2508.90011", "Thursday Paper About Agents", 40, List.of("agents"))));
        h.storeDay(FRIDAY, List.of(
                paper("2508.90001", "<script>alert('xss')</script> Diffusion & Friends", 120, List.of("diffusion")),
                paper("2508.90002", "Reinforcement Learning for Robots", 80, List.of("reinforcement learning")),
                paper("2508.90003", "Ünïcödé Tokenizers 🚀", 10, List.of("tokenization"))));
    }

    static Paper paper(String id, String title, int upvotes, List<String> keywords) {
        return new Paper(id, title, "An abstract about " + title + ". Second sentence. Third one.", List.of("Ada Lovelace", "Alan Turing"),
                Optional.of(Instant.parse("2025-08-27T10:00:00Z")), Optional.of(Instant.parse("2025-08-29T01:00:00Z")), upvotes, 2,
                Optional.empty(), keywords, Optional.of("https://github.com/example/" + id), Optional.of(12), Optional.empty(),
                Optional.empty(), FRIDAY);
    }

    @Test
    void thePageShowsTheLatestListEscapedWithItsLinksAndTheSubscribeForm() {
        WebResponse page = h.get("/");

        assertEquals(200, page.status());
        String html = page.bodyText();
        assertTrue(html.contains("&lt;script&gt;alert('xss')&lt;/script&gt; Diffusion &amp; Friends"), html);
        assertFalse(html.contains("<script"), "no script, neither ours nor a paper's");
        assertTrue(html.contains("href=\"https://huggingface.co/papers/2508.90001\""));
        assertTrue(html.contains("href=\"https://arxiv.org/pdf/2508.90002\""));
        assertTrue(html.contains("href=\"https://github.com/example/2508.90002\""));
        assertTrue(html.contains("Ünïcödé Tokenizers 🚀"));
        assertTrue(html.contains("<form method=\"post\" action=\"/subscribe\""));
        assertTrue(html.indexOf("2508.90001") < html.indexOf("2508.90002"), "in rank order");
        assertTrue(html.contains("href=\"/?date=2025-08-28\""), "a link to the day before");
        assertEquals(dev.paperboy.web.WebResponse.CSP, page.headers().get("Content-Security-Policy"));
        assertTrue(page.headers().get("Content-Security-Policy").contains("default-src 'none'"));
        assertEquals("no-referrer", page.headers().get("Referrer-Policy"));
    }

    @Test
    void anotherDayIsOneLinkAway() {
        String html = h.get("/?date=2025-08-28").bodyText();
        assertTrue(html.contains("Thursday Paper About Agents"));
        assertFalse(html.contains("Reinforcement Learning for Robots"));
    }

    @Test
    void searchFindsPapersOfRecentListsByKeyword() {
        String html = h.get("/?q=agents").bodyText();
        assertTrue(html.contains("Thursday Paper About Agents"));
        assertFalse(html.contains("Reinforcement Learning for Robots"));
        assertTrue(h.get("/?q=%3Cimg%20src%3Dx%3E").bodyText().contains("&lt;img src=x&gt;"), "the query is echoed escaped");
    }

    @Test
    void papersAsJsonForADay() throws Exception {
        WebResponse response = h.get("/api/papers?date=2025-08-29");
        JsonNode json = Json.MAPPER.readTree(response.body());

        assertEquals(200, response.status());
        assertEquals("2025-08-29", json.path("date").asText());
        assertEquals(3, json.path("papers").size());
        assertEquals("2508.90001", json.path("papers").get(0).path("id").asText());
        assertEquals(120, json.path("papers").get(0).path("upvotes").asInt());
    }

    @Test
    void anRssFeedOfTheLatestPapersFilteredByKeyword() {
        WebResponse all = h.get("/feed.xml");
        WebResponse filtered = h.get("/feed.xml?q=robots");

        assertEquals("application/rss+xml; charset=utf-8", all.headers().get("Content-Type"));
        assertTrue(all.bodyText().contains("<rss version=\"2.0\">"));
        assertTrue(all.bodyText().contains("&lt;script&gt;"));
        assertTrue(filtered.bodyText().contains("Reinforcement Learning for Robots"));
        assertFalse(filtered.bodyText().contains("Diffusion"));
    }

    @Test
    void subscribingConfirmingAndChangingPreferencesTheWholeWay() {
        String email = ApiHarness.newAddress();

        WebResponse subscribed = h.subscribe(email, "frequency", "weekly", "keywords", "agents, diffusion");
        assertEquals(200, subscribed.status());
        assertTrue(subscribed.bodyText().contains("Check your inbox"));
        Subscriber pending = h.subscriber(email);
        assertEquals(Subscriber.Status.PENDING, pending.status());
        assertEquals(List.of("agents", "diffusion"), pending.preferences().keywords());
        assertEquals(1, h.mailTo(email).size());
        assertEquals("Confirm your Paperboy subscription", h.mailTo(email).get(0).subject());

        String confirmLink = h.linkInLatestMail(email, "/confirm");
        WebResponse button = h.get(confirmLink);
        assertEquals(200, button.status());
        assertTrue(button.bodyText().contains("<form method=\"post\" action=\"/confirm?token="));
        assertEquals(Subscriber.Status.PENDING, h.subscriber(email).status(), "following the link (as a mail scanner would) confirms nothing");
        assertEquals(200, h.send("HEAD", confirmLink, new byte[0]).status());
        assertEquals(Subscriber.Status.PENDING, h.subscriber(email).status());
        WebResponse confirmed = h.send("POST", confirmLink, new byte[0]);
        assertEquals(200, confirmed.status());
        assertTrue(confirmed.bodyText().contains("You are subscribed"));
        assertEquals(Subscriber.Status.CONFIRMED, h.subscriber(email).status());
        assertEquals(200, h.send("POST", confirmLink, new byte[0]).status(), "confirming twice is harmless");
        assertEquals(Subscriber.Status.CONFIRMED, h.subscriber(email).status());

        String preferencesLink = confirmed.bodyText().replaceAll("(?s).*href=\"https://paperboy\\.test(/preferences\\?token=[^\"]+)\".*", "$1");
        WebResponse form = h.get(preferencesLink);
        assertEquals(200, form.status());
        assertTrue(form.bodyText().contains("value=\"agents, diffusion\""));
        String token = preferencesLink.substring(preferencesLink.indexOf('=') + 1);

        WebResponse saved = h.postForm("/preferences", Map.of("token", java.net.URLDecoder.decode(token, java.nio.charset.StandardCharsets.UTF_8),
                "frequency", "weekly", "weeklyDay", "friday", "keywords", "robots", "maxPapers", "5", "minUpvotes", "10"));
        assertEquals(200, saved.status(), saved.bodyText());
        assertEquals(new Preferences(Preferences.Frequency.WEEKLY, DayOfWeek.FRIDAY, List.of("robots"), 5, 10), h.subscriber(email).preferences());
    }

    @Test
    void aConfirmedSubscriberIsInTheDueIndexAndAPendingOneExpires() {
        String email = ApiHarness.newAddress();
        h.subscribe(email, "frequency", "weekly", "weeklyDay", "tuesday");
        Map<String, AttributeValue> pending = item(email);
        assertTrue(pending.containsKey("expiresAt"), "pending subscriptions expire by TTL");
        assertFalse(pending.containsKey("dueKey"));

        h.confirm(h.linkInLatestMail(email, "/confirm"));

        Map<String, AttributeValue> confirmed = item(email);
        assertFalse(confirmed.containsKey("expiresAt"));
        assertEquals("WEEKLY#TUESDAY", confirmed.get("dueKey").s());
    }

    @Test
    void theAnswerIsTheSameWhateverTheAddressesStateAndOneMailPerTenMinutes() {
        String fresh = ApiHarness.newAddress();
        String confirmed = ApiHarness.newAddress();
        h.subscribe(confirmed);
        h.confirm(h.linkInLatestMail(confirmed, "/confirm"));
        h.clock.advance(Duration.ofMinutes(11));

        WebResponse forFresh = h.subscribe(fresh);
        WebResponse forPending = h.subscribe(fresh);
        WebResponse forConfirmed = h.subscribe(confirmed);

        assertEquals(forFresh.status(), forPending.status());
        assertEquals(forFresh.bodyText(), forPending.bodyText());
        assertEquals(forFresh.bodyText(), forConfirmed.bodyText());
        for (int i = 0; i < 5; i++) {
            h.subscribe(fresh);
        }
        assertEquals(1, h.mailTo(fresh).size(), "at most one confirmation mail per address per ten minutes");
        assertEquals("You are already subscribed to Paperboy", h.mailTo(confirmed).get(1).subject());
        assertEquals(Subscriber.Status.CONFIRMED, h.subscriber(confirmed).status(), "subscribing again changes nothing without a token");

        h.clock.advance(Duration.ofMinutes(11));
        h.subscribe(fresh);
        assertEquals(2, h.mailTo(fresh).size(), "after the window, another mail");
    }

    @Test
    void unsubscribingIsOneClickImmediateAndResubscribingWorks() {
        String email = ApiHarness.newAddress();
        h.subscribe(email);
        h.confirm(h.linkInLatestMail(email, "/confirm"));
        String token = h.token(Tokens.Purpose.UNSUBSCRIBE, email);

        WebResponse page = h.get("/unsubscribe?token=" + token);
        assertEquals(200, page.status());
        assertTrue(page.bodyText().contains("<form method=\"post\" action=\"/unsubscribe?token="));
        assertEquals(Subscriber.Status.CONFIRMED, h.subscriber(email).status(), "showing the page changes nothing");

        WebResponse oneClick = h.send("POST", "/unsubscribe?token=" + token,
                "List-Unsubscribe=One-Click".getBytes(java.nio.charset.StandardCharsets.UTF_8), "content-type", "application/x-www-form-urlencoded");
        assertEquals(200, oneClick.status());
        assertEquals(Subscriber.Status.UNSUBSCRIBED, h.subscriber(email).status());
        assertFalse(item(email).containsKey("dueKey"), "no longer due for any digest");
        assertEquals(200, h.send("POST", "/unsubscribe?token=" + token, new byte[0]).status(), "twice is harmless");
        assertEquals(400, h.get("/preferences?token=" + h.token(Tokens.Purpose.MANAGE, email)).status(), "left means left");

        h.clock.advance(Duration.ofMinutes(11));
        h.subscribe(email);
        assertEquals(Subscriber.Status.PENDING, h.subscriber(email).status());
        h.confirm(h.linkInLatestMail(email, "/confirm"));
        assertEquals(Subscriber.Status.CONFIRMED, h.subscriber(email).status(), "resubscribing after unsubscribing works");
    }

    @Test
    void tamperedExpiredAndWrongPurposeTokensAreRefused() {
        String email = ApiHarness.newAddress();
        h.subscribe(email);
        String confirm = h.token(Tokens.Purpose.CONFIRM, email);
        String manage = h.token(Tokens.Purpose.MANAGE, email);

        assertEquals(400, h.get("/preferences?token=" + confirm).status(), "a confirm token cannot open preferences");
        assertEquals(400, h.send("POST", "/unsubscribe?token=" + confirm, new byte[0]).status(), "a confirm token cannot unsubscribe");
        assertEquals(400, h.get("/confirm?token=" + manage).status());
        String tampered = confirm.substring(0, confirm.length() - 2) + (confirm.endsWith("A") ? "BB" : "AA");
        assertEquals(400, h.get("/confirm?token=" + tampered).status());
        assertEquals(400, h.get("/confirm").status());
        assertEquals(400, h.get("/confirm?token=%00%0d%0a").status());

        h.clock.advance(Duration.ofDays(3));
        assertEquals(400, h.get("/confirm?token=" + confirm).status(), "expired");
        assertEquals(Subscriber.Status.PENDING, h.subscriber(email).status());
        WebResponse json = h.get("/confirm?token=" + confirm, "accept", "application/json");
        assertEquals("application/json; charset=utf-8", json.headers().get("Content-Type"));
        assertTrue(json.bodyText().contains("\"status\":400"));
    }

    @Test
    void preferencesCannotChangeWithoutAValidToken() {
        String email = ApiHarness.newAddress();
        h.subscribe(email, "keywords", "agents");
        h.confirm(h.linkInLatestMail(email, "/confirm"));

        WebResponse forged = h.postForm("/preferences", Map.of("token", "m" + "0".repeat(32) + ".abc." + "A".repeat(43), "keywords", "hacked"));
        WebResponse missing = h.postForm("/preferences", Map.of("keywords", "hacked"));

        assertEquals(400, forged.status());
        assertEquals(400, missing.status());
        assertEquals(List.of("agents"), h.subscriber(email).preferences().keywords());
    }

    @Test
    void hostileInputGetsA400WithItsValueEscapedAndChangesNothing() {
        String scripted = h.subscribe("<script>alert(1)</script>@example.com").bodyText();
        assertTrue(scripted.contains("value=\"&lt;script>alert(1)&lt;/script>@example.com\""), "the form keeps the value, escaped for its attribute");
        assertFalse(scripted.contains("<script>"));

        String injected = ApiHarness.newAddress() + "\r\nBcc: victim@example.com";
        WebResponse crlf = h.subscribe(injected);
        assertEquals(400, crlf.status());
        assertEquals(List.of(), h.mailTo("victim@example.com"));

        WebResponse longKeywords = h.subscribe(ApiHarness.newAddress(), "keywords", "k".repeat(10_000));
        assertEquals(400, longKeywords.status());
        assertTrue(longKeywords.bodyText().contains("Keywords are too long"));

        WebResponse notUtf8 = h.send("POST", "/subscribe", new byte[] {'e', 'm', 'a', 'i', 'l', '=', (byte) 0xC3, (byte) 0x28},
                "content-type", "application/x-www-form-urlencoded");
        assertEquals(400, notUtf8.status());

        WebResponse jsonError = h.send("POST", "/subscribe", "{\"email\":\"nope\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "content-type", "application/json", "accept", "application/json");
        assertEquals(400, jsonError.status());
        assertTrue(jsonError.bodyText().contains("That does not look like an email address."));
    }

    @Test
    void subscribingWithJsonIsAccepted() {
        String email = ApiHarness.newAddress();
        WebResponse response = h.send("POST", "/subscribe",
                ("{\"email\":\"" + email + "\",\"frequency\":\"daily\",\"keywords\":[\"llm\",\"agents\"]}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "content-type", "application/json", "accept", "application/json");

        assertEquals(202, response.status());
        assertEquals(List.of("llm", "agents"), h.subscriber(email).preferences().keywords());
    }

    @Test
    void errorsHaveTheRightStatusForBrowsersAndForClients() {
        assertEquals(404, h.get("/no-such-page").status());
        assertTrue(h.get("/no-such-page", "accept", "application/json").bodyText().contains("\"status\":404"));
        WebResponse wrongMethod = h.send("DELETE", "/subscribe", new byte[0]);
        assertEquals(405, wrongMethod.status());
        assertEquals("POST", wrongMethod.headers().get("Allow"));
        assertEquals(405, h.send("PUT", "/", new byte[0]).status());
        assertEquals(200, h.send("HEAD", "/", new byte[0]).status());
        assertEquals(413, h.send("POST", "/subscribe", new byte[70_000], "content-type", "application/x-www-form-urlencoded").status());
        assertEquals(400, h.get("/?date=yesterday").status());
        assertEquals(400, h.get("/api/papers?date=2025-13-45", "accept", "application/json").status());
        assertEquals(400, h.get("/?q=" + "x".repeat(300)).status());
        assertEquals(200, h.get("/static/style.css").status());
    }

    @Test
    void tooManyPostsFromOneAddressGetA429WithRetryAfter() {
        ApiHarness limited = new ApiHarness(new RateLimiter(3, Duration.ofMinutes(1), java.time.Clock.systemUTC()));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, limited.subscribe(ApiHarness.newAddress()).status());
        }
        WebResponse throttled = limited.subscribe(ApiHarness.newAddress());

        assertEquals(429, throttled.status());
        assertTrue(Integer.parseInt(throttled.headers().get("Retry-After")) >= 1);
    }

    @Test
    void aSentDigestCanBeViewedInTheBrowserWithItsOwnLinkOnly() {
        String email = ApiHarness.newAddress();
        h.subscribe(email);
        String id = h.subscriber(email).id();
        var period = new dev.paperboy.subscriber.Period(Preferences.Frequency.DAILY, FRIDAY);
        new dev.paperboy.digest.S3DigestArchive(h.aws.s3(), h.stack.name("ArchiveBucket"), h.keys).store(period, id, "<html><body>the digest</body></html>");
        String digestToken = java.net.URLEncoder.encode(h.tokens.issueForDigest(id, "2025-08-29-daily"), java.nio.charset.StandardCharsets.UTF_8);

        WebResponse page = h.get("/digests/2025-08-29-daily?token=" + digestToken);
        assertEquals(200, page.status());
        assertEquals("<html><body>the digest</body></html>", page.bodyText());
        assertEquals("no-referrer", page.headers().get("Referrer-Policy"), "the token in the address is not passed on to the papers' sites");
        assertEquals(400, h.get("/digests/2025-08-29-daily?token=" + h.token(Tokens.Purpose.UNSUBSCRIBE, email)).status());
        String thursdayToken = java.net.URLEncoder.encode(h.tokens.issueForDigest(id, "2025-08-28-daily"), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(404, h.get("/digests/2025-08-28-daily?token=" + thursdayToken).status(), "a valid link to a digest never archived");
        assertEquals(400, h.get("/digests/..%2F..%2Fetc?token=" + digestToken).status());
    }

    @Test
    void aViewInBrowserLinkOpensThatOneDigestOnly() {
        String email = ApiHarness.newAddress();
        h.subscribe(email);
        String id = h.subscriber(email).id();
        var archive = new dev.paperboy.digest.S3DigestArchive(h.aws.s3(), h.stack.name("ArchiveBucket"), h.keys);
        var friday = new dev.paperboy.subscriber.Period(Preferences.Frequency.DAILY, FRIDAY);
        var thursday = new dev.paperboy.subscriber.Period(Preferences.Frequency.DAILY, THURSDAY);
        archive.store(friday, id, "<html><body>friday</body></html>");
        archive.store(thursday, id, "<html><body>thursday</body></html>");
        // Every other digest of this subscriber's that exists: the days around, and the weekly ones.
        List<dev.paperboy.subscriber.Period> others = new java.util.ArrayList<>(List.of(thursday));
        for (int d = -3; d <= 3; d++) {
            others.add(new dev.paperboy.subscriber.Period(Preferences.Frequency.WEEKLY, FRIDAY.plusDays(d)));
            if (d != 0 && d != -1) {
                others.add(new dev.paperboy.subscriber.Period(Preferences.Frequency.DAILY, FRIDAY.plusDays(d)));
            }
        }
        others.forEach(p -> archive.store(p, id, "<html><body>" + p.id() + "</body></html>"));
        String fridayLink = new dev.paperboy.subscriber.Links(ApiHarness.BASE, h.tokens).digest(friday.id(), id).substring(ApiHarness.BASE.length());
        String token = fridayLink.substring(fridayLink.indexOf("?token=") + "?token=".length());

        WebResponse own = h.get(fridayLink);
        long opened = others.stream().filter(p -> h.get("/digests/" + p.id() + "?token=" + token).status() == 200).count();
        dev.paperboy.local.ReliabilityReport.record(new dev.paperboy.local.ReliabilityReport.Row("keys-1-view-in-browser-link-scope",
                "A \"view in browser\" link tried on the subscriber's other archived digests",
                "the Friday daily digest's link (token signed for its period) with its path changed to each of the subscriber's "
                        + others.size() + " other archived digests (the days around, daily and weekly)",
                dev.paperboy.local.ReliabilityReport.counts("otherDigestsTried", others.size(), "otherDigestsOpened", opened,
                        "ownDigestOpened", own.status() == 200 ? 1 : 0),
                "the link opens its own digest and no other (400: invalid link); before the fix the token was good for every digest "
                        + "of the subscriber for 400 days"));
        assertEquals(200, own.status());
        assertEquals("<html><body>friday</body></html>", own.bodyText());
        WebResponse otherDay = h.get("/digests/" + thursday.id() + "?token=" + token);
        assertEquals(400, otherDay.status(), "the Friday link opened Thursday's digest: " + otherDay.bodyText());
        assertEquals(0, opened, "the Friday link opened other digests");
    }

    private static Map<String, AttributeValue> item(String email) {
        String id = h.subscriberId(email);
        return h.aws.dynamoDb().getItem(r -> r.tableName(h.stack.name("SubscribersTable"))
                .key(Map.of("pk", AttributeValue.fromS("SUB#" + id), "sk", AttributeValue.fromS("PROFILE")))).item();
    }
}
