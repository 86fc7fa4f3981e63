package dev.paperboy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.Tokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flows behind the forms and links, on fakes of the API's ports: JSON and browsers, good and bad input. */
class SubscriptionFormsTest {
    private final ApiFixture fixture = new ApiFixture();
    private final Preferences weekly = new Preferences(Preferences.Frequency.WEEKLY, DayOfWeek.FRIDAY, List.of("robots"), 5, 10);

    private String token(Tokens.Purpose purpose, String id) {
        return URLEncoder.encode(fixture.subscriptions.token(purpose, id), StandardCharsets.UTF_8);
    }

    private static JsonNode json(WebResponse response) throws Exception {
        assertTrue(response.headers().get("Content-Type").startsWith("application/json"), response.headers().toString());
        return Json.MAPPER.readTree(response.bodyText());
    }

    @Test
    void aSubscribeFormGetsThePageAndAJsonClientGets202() throws Exception {
        WebResponse form = fixture.postForm("/subscribe", "email=reader%40example.org&frequency=WEEKLY&weeklyDay=FRIDAY&keywords=robots");
        WebResponse asked = fixture.postForm("/subscribe", "email=asked%40example.org", "accept", "application/json");
        WebResponse sent = fixture.postJson("/subscribe", "{\"email\": \"sent@example.org\", \"keywords\": [\"agents\", \"rl\"]}");

        assertEquals(200, form.status());
        assertTrue(form.bodyText().contains("Check your inbox"));
        assertEquals(202, asked.status());
        assertEquals("accepted", json(asked).path("status").asText());
        assertEquals(202, sent.status(), "a client that sent JSON is answered in JSON");
        assertEquals("accepted", json(sent).path("status").asText());
        assertEquals(Preferences.Frequency.WEEKLY, fixture.subscriptions.subscribed.get(0).getValue().frequency());
        assertEquals(DayOfWeek.FRIDAY, fixture.subscriptions.subscribed.get(0).getValue().weeklyDay());
        assertEquals(List.of("agents", "rl"), fixture.subscriptions.subscribed.get(2).getValue().keywords());
    }

    @Test
    void aBadSubscribeFormIsA400ThatKeepsWhatWasTypedAndSubscribesNobody() throws Exception {
        WebResponse form = fixture.postForm("/subscribe", "email=not-an-address&keywords=robots");
        WebResponse badNumber = fixture.postJson("/subscribe", "{\"email\": \"reader@example.org\", \"maxPapers\": \"many\"}",
                "accept", "application/json");

        assertEquals(400, form.status());
        assertTrue(form.headers().get("Content-Type").startsWith("text/html"));
        assertTrue(form.bodyText().contains("not-an-address"), "the form again with the address typed");
        assertTrue(form.bodyText().contains("Diffusion for Everyone"), "on the papers' page");
        assertEquals(400, badNumber.status());
        assertEquals(400, json(badNumber).path("error").path("status").asInt());
        assertTrue(json(badNumber).path("error").path("message").asText().contains("Papers per mail"));
        assertTrue(fixture.subscriptions.subscribed.isEmpty());
    }

    @Test
    void aBodyThatIsNotJsonIsA400() {
        WebResponse response = fixture.postJson("/subscribe", "{not json", "accept", "application/json");

        assertEquals(400, response.status());
        assertTrue(response.bodyText().contains("The request body is not valid JSON."));
    }

    @Test
    void aConfirmLinkShowsAButtonAndOnlyItsPostConfirms() throws Exception {
        String id = fixture.subscriptions.add("reader@example.org", Subscriber.Status.PENDING, Preferences.defaults());
        String link = "/confirm?token=" + token(Tokens.Purpose.CONFIRM, id);

        WebResponse page = fixture.get(link);
        Subscriber.Status afterPage = fixture.subscriptions.get(id).status();
        WebResponse confirmed = fixture.postForm(link, "");
        WebResponse confirmedJson = fixture.postForm(link, "", "accept", "application/json");

        assertEquals(200, page.status());
        assertEquals(Subscriber.Status.PENDING, afterPage, "following the link confirms nothing");
        assertEquals(200, confirmed.status());
        assertTrue(confirmed.bodyText().contains("You are subscribed"));
        assertEquals(Subscriber.Status.CONFIRMED, fixture.subscriptions.get(id).status());
        assertEquals("confirmed", json(confirmedJson).path("status").asText());
        assertTrue(json(confirmedJson).path("preferencesUrl").asText().startsWith(ApiFixture.BASE + "/preferences?token="));
    }

    @Test
    void aConfirmLinkThatIsNotOneIsA400() {
        String id = fixture.subscriptions.add("reader@example.org", Subscriber.Status.PENDING, Preferences.defaults());

        WebResponse wrongPurpose = fixture.get("/confirm?token=" + token(Tokens.Purpose.UNSUBSCRIBE, id));
        WebResponse forged = fixture.postForm("/confirm?token=c-forged", "");

        assertEquals(400, wrongPurpose.status());
        assertEquals(400, forged.status());
        assertTrue(forged.bodyText().contains("This confirmation link is invalid or has expired."));
        assertEquals(Subscriber.Status.PENDING, fixture.subscriptions.get(id).status());
    }

    @Test
    void savedPreferencesShowTheFormAgainAndAJsonClientGetsSaved() throws Exception {
        String id = fixture.subscriptions.add("reader@example.org", Subscriber.Status.CONFIRMED, Preferences.defaults());
        String token = fixture.subscriptions.token(Tokens.Purpose.MANAGE, id);

        WebResponse form = fixture.postForm("/preferences", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&frequency=WEEKLY&weeklyDay=FRIDAY&keywords=robots&maxPapers=5&minUpvotes=10");
        WebResponse sent = fixture.postJson("/preferences", "{\"token\": \"" + token + "\", \"maxPapers\": 7}");

        assertEquals(200, form.status());
        assertTrue(form.bodyText().contains("Saved."));
        assertEquals("saved", json(sent).path("status").asText());
        assertEquals(new Preferences(Preferences.Frequency.WEEKLY, DayOfWeek.FRIDAY, List.of("robots"), 7, 10),
                fixture.subscriptions.get(id).preferences());
    }

    @Test
    void aBadPreferencesFormIsA400AndChangesNothing() throws Exception {
        String id = fixture.subscriptions.add("reader@example.org", Subscriber.Status.CONFIRMED, weekly);
        String token = URLEncoder.encode(fixture.subscriptions.token(Tokens.Purpose.MANAGE, id), StandardCharsets.UTF_8);

        WebResponse form = fixture.postForm("/preferences?token=" + token, "frequency=HOURLY");
        WebResponse asked = fixture.postForm("/preferences?token=" + token, "minUpvotes=-1", "accept", "application/json");

        assertEquals(400, form.status());
        assertTrue(form.headers().get("Content-Type").startsWith("text/html"), "the form again, with what is wrong");
        assertEquals(400, asked.status());
        assertTrue(json(asked).path("error").path("message").asText().length() > 0);
        assertEquals(weekly, fixture.subscriptions.get(id).preferences());
        assertEquals(1, fixture.subscriptions.get(id).version(), "nothing was written");
    }

    @Test
    void aBadPreferencesFormComesBackWithEverythingAsTypedSoNothingIsLost() {
        String id = fixture.subscriptions.add("reader@example.org", Subscriber.Status.CONFIRMED, weekly);
        String token = URLEncoder.encode(fixture.subscriptions.token(Tokens.Purpose.MANAGE, id), StandardCharsets.UTF_8);

        WebResponse form = fixture.postForm("/preferences?token=" + token, "frequency=daily&keywords=diffusion%2C+%22robots%22"
                + "&excludedTopics=medical+imaging&followedAuthors=Ada+Lovelace%2C+Alan+Turing&maxPapers=12&minUpvotes=-1"
                + "&hour=18&timeZone=Asia%2FKolkata&delivery=feed");

        assertEquals(400, form.status());
        String page = form.bodyText();
        assertTrue(page.contains("Minimum upvotes must be between 0 and 10000."), "what is wrong");
        assertTrue(page.contains("name=\"keywords\" maxlength=\"620\" value=\"diffusion, &#34;robots&#34;\""), "keywords as typed, escaped");
        assertTrue(page.contains("name=\"excludedTopics\" maxlength=\"620\" value=\"medical imaging\""));
        assertTrue(page.contains("name=\"followedAuthors\" maxlength=\"1640\" value=\"Ada Lovelace, Alan Turing\""));
        assertTrue(page.contains("name=\"maxPapers\" min=\"1\" max=\"50\" value=\"12\""));
        assertTrue(page.contains("name=\"minUpvotes\" min=\"0\" max=\"10000\" value=\"-1\""));
        assertTrue(page.contains("value=\"daily\" checked"), "the frequency as chosen");
        assertTrue(page.contains("<option value=\"18\" selected>"), "the hour as chosen");
        assertTrue(page.contains("<option value=\"Asia/Kolkata\" selected>"), "the zone as chosen");
        assertTrue(page.contains("value=\"feed\" checked"), "the delivery as chosen");
        assertEquals(weekly, fixture.subscriptions.get(id).preferences(), "nothing saved");
    }

    @Test
    void aPreferencesChangeKeepsWhatARacingRequestSavedToOtherFields() {
        String id = fixture.subscriptions.add("reader@example.org", Subscriber.Status.CONFIRMED, Preferences.defaults());
        String token = URLEncoder.encode(fixture.subscriptions.token(Tokens.Purpose.MANAGE, id), StandardCharsets.UTF_8);
        fixture.subscriptions.raceWith(p -> new Preferences(p.frequency(), p.weeklyDay(), List.of("agents"), p.maxPapers(), p.minUpvotes()));

        WebResponse saved = fixture.postForm("/preferences?token=" + token, "maxPapers=3");

        assertEquals(200, saved.status());
        assertEquals(List.of("agents"), fixture.subscriptions.get(id).preferences().keywords(), "the racing change is kept");
        assertEquals(3, fixture.subscriptions.get(id).preferences().maxPapers());
    }

    @Test
    void aPreferencesLinkOfSomeoneWhoLeftIsA400() {
        String id = fixture.subscriptions.add("reader@example.org", Subscriber.Status.UNSUBSCRIBED, Preferences.defaults());

        WebResponse page = fixture.get("/preferences?token=" + token(Tokens.Purpose.MANAGE, id));

        assertEquals(400, page.status());
        assertTrue(page.bodyText().contains("This preferences link is invalid or has expired."));
    }

    @Test
    void theUnsubscribeButtonUnsubscribesWithTheTokenInTheForm() throws Exception {
        String id = fixture.subscriptions.add("reader@example.org", Subscriber.Status.CONFIRMED, Preferences.defaults());

        WebResponse page = fixture.get("/unsubscribe?token=" + token(Tokens.Purpose.UNSUBSCRIBE, id));
        WebResponse button = fixture.postForm("/unsubscribe", "token=" + token(Tokens.Purpose.UNSUBSCRIBE, id), "accept", "application/json");

        assertEquals(200, page.status());
        assertEquals("unsubscribed", json(button).path("status").asText());
        assertEquals(Subscriber.Status.UNSUBSCRIBED, fixture.subscriptions.get(id).status());
    }

    @Test
    void aDigestLinkOpensItsOwnDigestOnly() {
        String id = fixture.subscriptions.add("reader@example.org", Subscriber.Status.CONFIRMED, Preferences.defaults());
        fixture.digests.put("2025-08-29-daily/" + id, "<p>your digest</p>");
        String token = URLEncoder.encode(fixture.subscriptions.tokens.issueForDigest(id, "2025-08-29-daily"), StandardCharsets.UTF_8);

        WebResponse own = fixture.get("/digests/2025-08-29-daily?token=" + token);
        WebResponse other = fixture.get("/digests/2025-08-28-daily?token=" + token);
        WebResponse none = fixture.get("/digests/2025-08-29-daily");

        assertEquals(200, own.status());
        assertEquals("<p>your digest</p>", own.bodyText());
        assertEquals("no-referrer", own.headers().get("Referrer-Policy"));
        assertTrue(own.headers().get("Content-Security-Policy").startsWith("default-src 'none'"));
        assertEquals(400, other.status(), "the token names its period");
        assertEquals(400, none.status());
    }

    @Test
    void aDigestNeverStoredIsNotFound() {
        String id = fixture.subscriptions.add("reader@example.org", Subscriber.Status.CONFIRMED, Preferences.defaults());
        String token = URLEncoder.encode(fixture.subscriptions.tokens.issueForDigest(id, "2025-08-29-daily"), StandardCharsets.UTF_8);

        WebResponse missing = fixture.get("/digests/2025-08-29-daily?token=" + token);

        assertEquals(404, missing.status());
        assertTrue(missing.bodyText().contains("There is no such digest."));
    }
}
