package dev.paperboy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The preview of the next digest on the preferences page: the fragment for the script, the page's own, the Preview button's. */
class PreviewFlowTest {
    private static final Preferences DIFFUSION = new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of("diffusion"), 10, 0);
    /** Every field, as the page's form sends them. */
    private static final String FORM = "&frequency=daily&weeklyDay=MONDAY&hour=7&timeZone=America%2FNew_York&excludedTopics="
            + "&followedAuthors=&maxPapers=10&minUpvotes=0&delivery=both";

    private final ApiFixture fixture = new ApiFixture();
    private final String id = fixture.subscriptions.add("reader@example.org", Subscriber.Status.CONFIRMED, DIFFUSION);
    private final String token = token(Tokens.Purpose.MANAGE);

    private String token(Tokens.Purpose purpose) {
        return URLEncoder.encode(fixture.subscriptions.token(purpose, id), StandardCharsets.UTF_8);
    }

    @Test
    void aPreviewShowsWhatTheTypedKeywordsPickAndSavesNothing() {
        WebResponse robots = fixture.get("/preferences/preview?token=" + token + "&keywords=robots" + FORM);

        assertEquals(200, robots.status());
        String html = robots.bodyText();
        assertTrue(html.contains("Robots That Read"), html);
        assertFalse(html.contains("Diffusion for Everyone"), "matches no typed keyword");
        assertTrue(html.contains("From the list of Friday 29 August 2025, still filling up."), html);
        assertTrue(html.contains("1 paper matches your settings."), html);
        assertFalse(html.contains("<html"), "a fragment for the page's script");
        assertEquals(DIFFUSION, fixture.subscriptions.get(id).preferences(), "nothing saved");
        assertEquals(1, fixture.subscriptions.get(id).version());
    }

    @Test
    void eachKeystrokesPreviewReadsNoProfileAndOnlyTheLookupsCachedList() {
        int before = fixture.papers.listsRead;
        for (String typed : List.of("r", "ro", "rob", "robo", "robot", "robots")) {
            assertEquals(200, fixture.get("/preferences/preview?token=" + token + "&keywords=" + typed + FORM).status());
        }

        assertEquals(0, fixture.subscriptions.profileReads, "the token is checked by its signature, the settings come from the form");
        assertEquals(6, fixture.papers.listsRead - before, "one list a daily preview, from the pages' cached lookup");
    }

    @Test
    void anInvalidFieldIsA400WithTheFormsOwnMessage() {
        WebResponse preview = fixture.get("/preferences/preview?token=" + token + "&keywords=robots&maxPapers=0");
        WebResponse form = fixture.postForm("/preferences", "token=" + token + "&maxPapers=0");

        assertEquals(400, preview.status());
        assertTrue(preview.bodyText().contains("Papers per mail must be between 1 and 50."), preview.bodyText());
        assertTrue(form.bodyText().contains("Papers per mail must be between 1 and 50."));
        assertFalse(preview.bodyText().contains("Robots That Read"));
    }

    @Test
    void aTokenThatIsNotAValidPreferencesLinkIsA400() {
        for (String bad : List.of("", "&token=nonsense", "&token=" + token(Tokens.Purpose.UNSUBSCRIBE))) {
            WebResponse preview = fixture.get("/preferences/preview?keywords=robots" + bad);

            assertEquals(400, preview.status(), bad);
            assertTrue(preview.bodyText().contains("This preferences link is invalid or has expired."), bad);
        }
    }

    @Test
    void anEmptyPreviewSaysWhy() {
        String html = fixture.get("/preferences/preview?token=" + token + "&keywords=quantum" + FORM).bodyText();

        assertTrue(html.contains("No paper in these lists matches your keywords."), html);
    }

    @Test
    void aJsonClientGetsTheListsAndThePapersIds() throws Exception {
        WebResponse json = fixture.get("/preferences/preview?token=" + token + "&keywords=robots" + FORM, "accept", "application/json");

        JsonNode body = Json.MAPPER.readTree(json.body());
        assertEquals("2025-08-29", body.path("lists").get(0).path("date").asText());
        assertEquals("2508.00002", body.path("papers").get(0).asText());
        assertEquals(1, body.path("matching").asInt());
    }

    @Test
    void thePreferencesPageShowsThePreviewOfTheSavedSettingsAndLoadsTheScript() {
        WebResponse page = fixture.get("/preferences?token=" + token);

        String preview = previewRegion(page.bodyText());
        assertTrue(preview.contains("Diffusion for Everyone"), preview);
        assertFalse(preview.contains("Robots That Read"));
        assertTrue(page.bodyText().contains("<script src=\"/static/preview.js\" defer></script>"));
        assertTrue(page.bodyText().contains("formaction=\"/preferences\" formmethod=\"get\""), "the Preview button works without script");
    }

    @Test
    void thePreviewButtonShowsTheSentSettingsUnsavedWithTheirPreview() {
        WebResponse page = fixture.get("/preferences?token=" + token + "&preview=1&keywords=robots" + FORM);
        WebResponse bad = fixture.get("/preferences?token=" + token + "&preview=1&keywords=robots&minUpvotes=-1");

        assertEquals(200, page.status());
        assertTrue(page.bodyText().contains(PreferencesFlow.NOT_SAVED));
        assertTrue(page.bodyText().contains("name=\"keywords\" maxlength=\"620\" value=\"robots\""), "the form shows what was sent");
        assertTrue(previewRegion(page.bodyText()).contains("Robots That Read"));
        assertEquals(400, bad.status());
        assertTrue(bad.bodyText().contains("Minimum upvotes must be between 0 and 10000."));
        assertEquals(DIFFUSION, fixture.subscriptions.get(id).preferences(), "nothing saved");
    }

    @Test
    void thePageWorksWithoutItsPreviewWhenThePapersCannotBeRead() {
        fixture.papers.unreachable = true;

        WebResponse page = fixture.get("/preferences?token=" + token);

        assertEquals(200, page.status());
        assertTrue(page.bodyText().contains("name=\"keywords\""));
        assertEquals("", previewRegion(page.bodyText()).strip());
    }

    @Test
    void theScriptIsServedFromOurselvesAndThePagesAllowNoOtherScript() {
        WebResponse script = fixture.get("/static/preview.js");
        WebResponse page = fixture.get("/preferences?token=" + token);
        WebResponse home = fixture.get("/");

        assertEquals(200, script.status());
        assertTrue(script.headers().get("Content-Type").startsWith("text/javascript"));
        assertTrue(script.bodyText().contains("AbortController"));
        String csp = page.headers().get("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self';") && csp.contains("connect-src 'self';") && csp.startsWith("default-src 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        String homeCsp = home.headers().get("Content-Security-Policy");
        assertFalse(homeCsp.contains("script-src") || homeCsp.contains("connect-src"), "a page without script allows none: " + homeCsp);
        assertTrue(homeCsp.startsWith("default-src 'none'"), homeCsp);
        Matcher scripts = Pattern.compile("<script[^>]*>").matcher(page.bodyText());
        while (scripts.find()) {
            assertTrue(scripts.group().contains("src=\"/static/"), "no inline script: " + scripts.group());
        }
    }

    private static String previewRegion(String html) {
        Matcher region = Pattern.compile("<div id=\"preview\"[^>]*>(.*?)</div>\\s*</div>", Pattern.DOTALL).matcher(html);
        assertTrue(region.find(), html);
        return region.group(1);
    }
}
