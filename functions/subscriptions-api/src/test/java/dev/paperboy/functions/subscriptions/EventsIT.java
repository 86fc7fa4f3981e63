package dev.paperboy.functions.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.local.LocalInvoker.Invocation;
import dev.paperboy.local.Outbox;
import dev.paperboy.local.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every sample event in events/subscriptions-api through the packaged function, as `make invoke`
 * runs it: a fresh JVM with the template's handler and environment against the local AWS.
 */
class EventsIT {
    private static final Path EVENTS = TestStack.repoRoot().resolve("events/subscriptions-api");
    /** What each sample asks of the API, and the status it must get. */
    private static final Map<String, Integer> EXPECTED = Map.of(
            "get-page.json", 200,
            "get-page-of-a-day.json", 200,
            "post-subscribe.json", 200,
            "get-api-papers.json", 200,
            "get-feed.json", 200,
            "post-one-click-unsubscribe-bad-token.json", 400);
    private static TestStack stack;

    @BeforeAll
    static void provision() {
        stack = TestStack.provision();
    }

    @Test
    void everySampleEventGetsItsExpectedAnswerFromThePackagedFunction() throws IOException {
        try (var files = Files.list(EVENTS)) {
            for (Path event : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String name = event.getFileName().toString();
                assertTrue(EXPECTED.containsKey(name), "say what " + name + " should get in EXPECTED");
                Invocation result = stack.invoker().invoke("SubscriptionsApiFunction", Files.readAllBytes(event), Map.of());
                assertTrue(result.succeeded(), name + ": " + result.response() + "\n" + result.logs());
                JsonNode response = Json.MAPPER.readTree(result.response());
                assertEquals(EXPECTED.get(name), response.path("statusCode").asInt(), name + ": " + result.response());
            }
        }
    }

    @Test
    void theSubscribeSampleSendsAConfirmationMailWithALinkToTheApisOwnDomain() throws IOException {
        Invocation result = stack.invoker().invoke("SubscriptionsApiFunction",
                Files.readAllBytes(EVENTS.resolve("post-subscribe.json")), Map.of());

        assertTrue(result.succeeded(), result.logs());
        Outbox.Mail mail = new Outbox(stack.aws().endpoint()).to("sample.reader@example.org").get(0);
        assertTrue(mail.link("/confirm").startsWith("https://abc123.execute-api.us-east-1.amazonaws.com/confirm?token="), mail.body());
        assertTrue(!result.logs().contains("sample.reader@example.org"), "the address is never logged in clear");
    }
}
