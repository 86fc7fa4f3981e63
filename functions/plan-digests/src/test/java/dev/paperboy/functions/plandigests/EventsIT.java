package dev.paperboy.functions.plandigests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.local.SamLocal;
import dev.paperboy.local.SampleEvents;
import dev.paperboy.local.TemplateEvents;
import dev.paperboy.local.TestStack;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberRepository;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Every sample event in events/plan-digests through `sam local invoke`, on a stack with papers
 * listed and a daily and a weekly subscriber: each event enqueues the digest of its period for the
 * subscribers due, and nobody else.
 */
class EventsIT {
    private static final LocalDate SAMPLE_DAY = LocalDate.of(2025, 8, 29);

    @Test
    void eachSampleEventEnqueuesItsPeriodForTheSubscribersDue() throws Exception {
        TestStack stack = TestStack.provision();
        // The schedules plan the latest list: papers on it (and the day before, should the list turn
        // over while this runs), and on the day the replay names.
        LocalDate latest = new ListingCalendar(Clock.systemUTC()).latest();
        stack.storeSampleDay(SAMPLE_DAY, latest, latest.minusDays(1));
        SubscriberRepository subscribers = new SubscriberRepository(stack.aws().clients().dynamoDb(), stack.name("SubscribersTable"));
        String daily = confirmed(subscribers, stack.keys(), "sample.daily@example.org", Preferences.Frequency.DAILY, DayOfWeek.MONDAY);
        String weekly = confirmed(subscribers, stack.keys(), "sample.weekly@example.org", Preferences.Frequency.WEEKLY, latest.getDayOfWeek());

        Map<String, SamLocal.Invocation> results = SampleEvents.invokeAll(stack, "PlanDigestsFunction", "events/plan-digests", Map.of());

        Map<String, List<String>> queued = drain(stack.aws().clients().sqs(), stack.aws().queueUrl("DigestQueue"));
        Map<String, List<String>> expected = new HashMap<>();
        for (var result : results.entrySet()) {
            assertTrue(result.getValue().succeeded(), result.getKey() + ": " + result.getValue().response() + result.getValue().logs());
            JsonNode plan = result.getValue().json();
            String period = plan.path("period").asText();
            switch (result.getKey()) {
                case "daily-schedule.json" -> {
                    assertTrue(period.endsWith("-daily") && !period.equals(SAMPLE_DAY + "-daily"), "the latest list's: " + plan);
                    expected.put(period, List.of(daily));
                }
                case "replan-a-day.json" -> {
                    assertEquals(SAMPLE_DAY + "-daily", period, plan.toString());
                    expected.put(period, List.of(daily));
                }
                case "weekly-schedule.json" -> {
                    assertTrue(period.endsWith("-weekly"), plan.toString());
                    assertEquals("WEEKLY#" + latest.getDayOfWeek(), plan.path("dueKey").asText(), "today's weekly subscribers: " + plan);
                    expected.put(period, List.of(weekly));
                }
                default -> throw new AssertionError("say what " + result.getKey() + " should plan in this test");
            }
            assertEquals(1, plan.path("subscribers").asInt(), result.getKey() + ": " + plan);
            assertEquals(1, plan.path("messages").asInt(), result.getKey() + ": " + plan);
        }
        assertEquals(expected, queued, "the queue holds one message per period, naming exactly the subscribers due");
    }

    @Test
    void theScheduleEventsAreTheInputsTheTemplateSends() throws Exception {
        TestStack stack = TestStack.provision();
        TemplateEvents.assertScheduleInputs(stack, "PlanDigestsFunction",
                Map.of("DailyDigests", "events/plan-digests/daily-schedule.json", "WeeklyDigests", "events/plan-digests/weekly-schedule.json"));
    }

    private static String confirmed(SubscriberRepository subscribers, dev.paperboy.keys.Keys keys, String address, Preferences.Frequency frequency, DayOfWeek day) {
        EmailAddress email = EmailAddress.parse(address);
        Instant now = Instant.now();
        String id = SubscriberId.of(keys, email);
        subscribers.create(new Subscriber(id, email, Subscriber.Status.CONFIRMED, new Preferences(frequency, day, List.of(), 10, 0),
                now, now, Optional.of(now), 1), Optional.empty());
        return id;
    }

    /** Every message on the queue: period to the subscribers it names. */
    private static Map<String, List<String>> drain(SqsClient sqs, String queueUrl) throws Exception {
        Map<String, List<String>> byPeriod = new HashMap<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(60)).messages();
            if (batch.isEmpty()) {
                return byPeriod;
            }
            for (Message message : batch) {
                JsonNode job = Json.MAPPER.readTree(message.body());
                List<String> ids = new ArrayList<>();
                job.path("subscribers").forEach(s -> ids.add(s.asText()));
                if (byPeriod.put(job.path("period").asText(), ids) != null) {
                    throw new AssertionError("two messages for " + job.path("period").asText());
                }
            }
        }
    }
}
