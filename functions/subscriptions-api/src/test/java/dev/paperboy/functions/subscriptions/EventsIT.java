package dev.paperboy.functions.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.local.Outbox;
import dev.paperboy.local.SamLocal;
import dev.paperboy.local.SampleEvents;
import dev.paperboy.local.TestStack;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberRepository;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every sample event in events/subscriptions-api through `sam local invoke`, with the sample day
 * stored: each gets its status and the content it asks for.
 */
class EventsIT {
    private static final String FIRST_PAPER = "Sparse Mixture Routing for Long-Context Reasoning (SAMPLE)";

    @Test
    void everySampleEventGetsItsExpectedAnswer() throws Exception {
        TestStack stack = TestStack.provision();
        stack.storeSampleDay(LocalDate.of(2025, 8, 29));

        Map<String, SamLocal.Invocation> results = SampleEvents.invokeAll(stack, "SubscriptionsApiFunction", "events/subscriptions-api", Map.of());

        for (var entry : results.entrySet()) {
            String name = entry.getKey();
            SamLocal.Invocation result = entry.getValue();
            assertTrue(result.succeeded(), name + ": " + result.response() + "\n" + result.logs());
            JsonNode response = result.json();
            int status = response.path("statusCode").asInt();
            String body = body(response);
            switch (name) {
                case "get-page.json", "get-page-of-a-day.json" -> {
                    assertEquals(200, status, name);
                    assertTrue(body.contains("Daily Papers of 2025-08-29"), name + ": the latest (and only) day: " + body);
                    assertTrue(body.contains(FIRST_PAPER), name + ": its papers");
                    assertTrue(body.contains("<form"), name + ": the subscribe form");
                }
                case "get-api-papers.json" -> {
                    assertEquals(200, status, name);
                    JsonNode papers = Json.MAPPER.readTree(body);
                    assertEquals(FIRST_PAPER, first(papers).path("title").asText(), body);
                }
                case "get-feed.json" -> {
                    assertEquals(200, status, name);
                    assertTrue(body.startsWith("<?xml") && body.contains("<rss"), body);
                    assertTrue(body.contains("<item>"), "papers matching 'agents': " + body);
                }
                case "post-subscribe.json" -> {
                    assertEquals(200, status, name);
                    assertTrue(body.contains("Check your inbox"), body);
                }
                case "post-one-click-unsubscribe-bad-token.json" -> assertEquals(400, status, name + ": " + body);
                default -> throw new AssertionError("say what " + name + " should get in this test");
            }
        }
        assertEquals(6, results.size(), "every sample ran: " + results.keySet());

        Subscriber pending = new SubscriberRepository(stack.aws().clients().dynamoDb(), stack.name("SubscribersTable"))
                .find(SubscriberId.of(stack.keys(), EmailAddress.parse("sample.reader@example.org"))).orElseThrow();
        assertEquals(Subscriber.Status.PENDING, pending.status());
        assertEquals(List.of("agents", "diffusion"), pending.preferences().keywords());
        List<Outbox.Mail> mails = new Outbox(stack.aws().endpoint()).to("sample.reader@example.org");
        assertFalse(mails.isEmpty(), "a confirmation mail went out");
        Outbox.Mail mail = mails.get(mails.size() - 1);
        assertTrue(mail.link("/confirm").startsWith("https://abc123.execute-api.us-east-1.amazonaws.com/confirm?token="),
                "the link points at the API's own domain, from the event: " + mail.body());
        assertFalse(results.get("post-subscribe.json").logs().contains("sample.reader@example.org"), "the address is never logged in clear");
    }

    private static JsonNode first(JsonNode papers) {
        return papers.isArray() ? papers.get(0) : papers.path("papers").get(0);
    }

    private static String body(JsonNode response) {
        String body = response.path("body").asText();
        return response.path("isBase64Encoded").asBoolean() ? new String(Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8) : body;
    }
}
