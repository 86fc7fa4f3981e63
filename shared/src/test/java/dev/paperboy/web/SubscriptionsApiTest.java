package dev.paperboy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.json.Json;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.Tokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Routing, the gate in front of the flows and the answers' shape, on fakes of the API's ports. */
class SubscriptionsApiTest {
    private final ApiFixture fixture = new ApiFixture();

    private String token(Tokens.Purpose purpose, String id) {
        return URLEncoder.encode(fixture.subscriptions.token(purpose, id), StandardCharsets.UTF_8);
    }

    @Test
    void eachRouteAnswersItsMethod() {
        String id = fixture.subscriptions.add("reader@example.org", Subscriber.Status.PENDING, Preferences.defaults());

        WebResponse page = fixture.get("/");
        WebResponse papers = fixture.get("/api/papers");
        WebResponse feed = fixture.get("/feed.xml");
        WebResponse style = fixture.get("/static/style.css");
        WebResponse confirmPage = fixture.get("/confirm?token=" + token(Tokens.Purpose.CONFIRM, id));
        WebResponse preferences = fixture.get("/preferences?token=" + token(Tokens.Purpose.MANAGE, id));
        WebResponse unsubscribePage = fixture.get("/unsubscribe?token=" + token(Tokens.Purpose.UNSUBSCRIBE, id));
        WebResponse subscribe = fixture.postForm("/subscribe", "email=new%40example.org");

        assertEquals(200, page.status());
        assertTrue(page.bodyText().contains("Diffusion for Everyone"), "the latest list");
        assertEquals(200, papers.status());
        assertTrue(papers.headers().get("Content-Type").startsWith("application/json"));
        assertTrue(papers.bodyText().contains("\"date\":\"2025-08-29\""), papers.bodyText());
        assertEquals(200, feed.status());
        assertTrue(feed.headers().get("Content-Type").startsWith("application/rss+xml"));
        assertTrue(feed.bodyText().contains("Robots That Read"));
        assertEquals(200, style.status());
        assertTrue(style.headers().get("Content-Type").startsWith("text/css"));
        assertEquals(200, confirmPage.status());
        assertEquals(200, preferences.status());
        assertTrue(preferences.bodyText().contains("reader@example.org"));
        assertEquals(200, unsubscribePage.status());
        assertEquals(200, subscribe.status());
        assertEquals(1, fixture.subscriptions.subscribed.size());
    }

    @Test
    void aPathWithNoRouteIsNotFoundInTheShapeAskedFor() throws Exception {
        WebResponse page = fixture.get("/nowhere");
        WebResponse json = fixture.get("/nowhere", "accept", "application/json");

        assertEquals(404, page.status());
        assertTrue(page.headers().get("Content-Type").startsWith("text/html"));
        assertTrue(page.bodyText().contains("There is no page at this address."));
        assertEquals(404, json.status());
        assertEquals(404, Json.MAPPER.readTree(json.bodyText()).path("error").path("status").asInt());
    }

    @Test
    void aMethodTheRouteDoesNotTakeIs405WithTheMethodsItDoes() {
        WebResponse postToPage = fixture.postForm("/", "");
        WebResponse getSubscribe = fixture.get("/subscribe");
        WebResponse deleteConfirm = fixture.send("DELETE", "/confirm", "");
        WebResponse headOfFeed = fixture.send("HEAD", "/feed.xml", "");

        assertEquals(405, postToPage.status());
        assertEquals("GET", postToPage.headers().get("Allow"));
        assertEquals(405, getSubscribe.status());
        assertEquals("POST", getSubscribe.headers().get("Allow"));
        assertEquals(405, deleteConfirm.status());
        assertEquals("GET, POST", deleteConfirm.headers().get("Allow"));
        assertTrue(deleteConfirm.bodyText().contains("does not take DELETE requests"));
        assertEquals(200, headOfFeed.status(), "HEAD goes where GET goes");
    }

    @Test
    void aPostFromAnotherSitesPageIsRefusedAndDoesNothing() {
        WebResponse fetchSite = fixture.postForm("/subscribe", "email=victim%40example.org", "sec-fetch-site", "cross-site");
        WebResponse origin = fixture.postForm("/subscribe", "email=victim%40example.org", "origin", "https://evil.example");
        WebResponse ours = fixture.postForm("/subscribe", "email=reader%40example.org", "origin", "https://paperboy.test",
                "sec-fetch-site", "same-origin");

        assertEquals(403, fetchSite.status());
        assertTrue(fetchSite.bodyText().contains("sent from another website"));
        assertEquals(403, origin.status());
        assertEquals(200, ours.status());
        assertEquals(1, fixture.subscriptions.subscribed.size(), "only the post from our own page subscribed");
    }

    @Test
    void aOneClickUnsubscribeIsTakenFromAnySiteAndPastTheLimit() {
        ApiFixture limited = new ApiFixture(1, 1000);
        String id = limited.subscriptions.add("reader@example.org", Subscriber.Status.CONFIRMED, Preferences.defaults());
        String token = URLEncoder.encode(limited.subscriptions.token(Tokens.Purpose.UNSUBSCRIBE, id), StandardCharsets.UTF_8);
        limited.postForm("/subscribe", "email=other%40example.org");

        WebResponse oneClick = limited.postForm("/unsubscribe?token=" + token, "List-Unsubscribe=One-Click", "sec-fetch-site", "cross-site");

        assertEquals(200, oneClick.status());
        assertEquals(Subscriber.Status.UNSUBSCRIBED, limited.subscriptions.get(id).status());
        assertEquals(429, limited.postForm("/subscribe", "email=third%40example.org").status(), "other posts are past the limit");
    }

    @Test
    void aOneClickUnsubscribeWithABadTokenIsRefused() {
        WebResponse refused = fixture.postForm("/unsubscribe?token=u-not-a-token", "List-Unsubscribe=One-Click");

        assertEquals(400, refused.status());
        assertTrue(refused.bodyText().contains("This unsubscribe link is invalid."));
    }

    @Test
    void postsPastTheAllowanceWaitWithRetryAfter() {
        ApiFixture limited = new ApiFixture(1, 1000);

        WebResponse first = limited.postForm("/subscribe", "email=a%40example.org");
        WebResponse second = limited.postForm("/subscribe", "email=b%40example.org", "accept", "application/json");

        assertEquals(200, first.status());
        assertEquals(429, second.status());
        assertTrue(Integer.parseInt(second.headers().get("Retry-After")) >= 1);
        assertEquals(1, limited.subscriptions.subscribed.size());
    }

    @Test
    void readsPastTheAllowanceWaitButLeavingNeverDoes() {
        ApiFixture limited = new ApiFixture(1000, 1);
        String id = limited.subscriptions.add("reader@example.org", Subscriber.Status.CONFIRMED, Preferences.defaults());
        String token = URLEncoder.encode(limited.subscriptions.token(Tokens.Purpose.UNSUBSCRIBE, id), StandardCharsets.UTF_8);

        assertEquals(200, limited.get("/").status());
        assertEquals(429, limited.get("/").status());
        assertEquals(200, limited.get("/unsubscribe?token=" + token).status());
        assertEquals(429, limited.get("/unsubscribe?token=u-not-a-token").status(), "only a valid link passes");
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        WebResponse large = fixture.postForm("/subscribe", "email=" + "a".repeat(Gate.MAX_BODY_BYTES));

        assertEquals(413, large.status());
        assertTrue(fixture.subscriptions.subscribed.isEmpty());
    }

    @Test
    void aChangeOvertakenByOthersAnswers503WithRetryAfterAndIsCounted() {
        String id = fixture.subscriptions.add("reader@example.org", Subscriber.Status.PENDING, Preferences.defaults());
        fixture.subscriptions.overtakeEveryChange();

        WebResponse confirm = fixture.postForm("/confirm?token=" + token(Tokens.Purpose.CONFIRM, id), "");

        assertEquals(503, confirm.status());
        assertEquals("1", confirm.headers().get("Retry-After"));
        assertTrue(confirm.bodyText().contains("Too many changes at once"));
        assertEquals(Subscriber.Status.PENDING, fixture.subscriptions.get(id).status());
        assertEquals(1, fixture.metrics.get("ApiServerErrors"));
    }

    @Test
    void anUnexpectedFailureIsA500PageAndCounted() {
        fixture.papers.unreachable = true;

        WebResponse page = fixture.get("/?date=2025-08-29");

        assertEquals(500, page.status());
        assertTrue(page.bodyText().contains("Something went wrong on our side."));
        assertEquals(1, fixture.metrics.get("ApiServerErrors"));
    }

    @Test
    void anEventThatCannotBeReadIsA400() {
        var event = Json.MAPPER.createObjectNode();
        event.put("rawPath", "/subscribe").put("body", "%%% not base64").put("isBase64Encoded", true);
        event.putObject("headers").put("accept", "application/json");
        event.putObject("requestContext").putObject("http").put("method", "POST");

        var response = fixture.api.handle(event);

        assertEquals(400, response.path("statusCode").asInt());
        assertTrue(response.path("body").asText().contains("The request is malformed."));
    }

    @Test
    void aBadDateOrSearchIsA400ThatSaysWhy() {
        WebResponse date = fixture.get("/?date=yesterday");
        WebResponse search = fixture.get("/api/papers?date=2020-01-01", "accept", "application/json");
        WebResponse words = fixture.get("/feed.xml?q=a+b+c+d+e+f+g+h+i+j+k");

        assertEquals(400, date.status());
        assertTrue(date.bodyText().contains("A date looks like 2025-08-29."));
        assertEquals(400, search.status());
        assertTrue(search.bodyText().contains("Daily Papers starts on"));
        assertEquals(400, words.status());
        assertTrue(words.bodyText().contains("Search for at most 10 words."));
    }

    @Test
    void aSearchShowsTheMatchingPapers() {
        WebResponse page = fixture.get("/?q=robots");

        assertEquals(200, page.status());
        assertTrue(page.bodyText().contains("Robots That Read"));
        assertTrue(!page.bodyText().contains("Diffusion for Everyone"), "only what matches");
    }
}
