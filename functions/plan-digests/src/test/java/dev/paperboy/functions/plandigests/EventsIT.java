package dev.paperboy.functions.plandigests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.local.SamLocal;
import dev.paperboy.local.SampleEvents;
import dev.paperboy.local.Template;
import dev.paperboy.local.TestStack;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberRepository;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Every sample event in events/plan-digests through `sam local invoke`, on a stack with papers
 * listed and subscribers at several hours in three zones: the schedule's event (Wednesday
 * 2025-09-03 at 11:00 UTC) plans exactly the subscribers whose hour it is there, with Tuesday's
 * list; the operator's replan of a day plans every daily subscriber, whatever their hour.
 */
class EventsIT {
    private static final LocalDate SAMPLE_DAY = LocalDate.of(2025, 8, 29);
    /** The newest list closed at the schedule event's time: 07:00 New York, Wednesday. */
    private static final LocalDate TUESDAY = LocalDate.of(2025, 9, 2);

    @Test
    void eachSampleEventEnqueuesItsPeriodForTheSubscribersDue() throws Exception {
        TestStack stack = TestStack.provision();
        stack.storeSampleDay(SAMPLE_DAY, TUESDAY);
        SubscriberRepository subscribers = new SubscriberRepository(stack.aws().clients().dynamoDb(), stack.name("SubscribersTable"));
        // At 11:00 UTC on a summer Wednesday it is 07:00 in New York, 13:00 in Berlin, 20:00 in Tokyo, 16:30 in Kolkata.
        String newYork = confirmed(subscribers, stack, "ny.daily@example.org", Preferences.Frequency.DAILY, DayOfWeek.MONDAY, 7, "America/New_York");
        String berlinAtOne = confirmed(subscribers, stack, "berlin.13@example.org", Preferences.Frequency.DAILY, DayOfWeek.MONDAY, 13, "Europe/Berlin");
        String berlinAtSeven = confirmed(subscribers, stack, "berlin.7@example.org", Preferences.Frequency.DAILY, DayOfWeek.MONDAY, 7, "Europe/Berlin");
        String tokyoWednesdays = confirmed(subscribers, stack, "tokyo.wed@example.org", Preferences.Frequency.WEEKLY, DayOfWeek.WEDNESDAY, 20, "Asia/Tokyo");
        confirmed(subscribers, stack, "tokyo.thu@example.org", Preferences.Frequency.WEEKLY, DayOfWeek.THURSDAY, 20, "Asia/Tokyo");
        String kolkata = confirmed(subscribers, stack, "kolkata@example.org", Preferences.Frequency.DAILY, DayOfWeek.MONDAY, 7, "Asia/Kolkata");
        assertEquals(Set.of(ZoneId.of("America/New_York"), ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Tokyo"), ZoneId.of("Asia/Kolkata")),
                subscribers.zonesInUse(), "the registry holds every zone a profile names");

        Map<String, SamLocal.Invocation> results = SampleEvents.invokeAll(stack, "PlanDigestsFunction", "events/plan-digests", Map.of());

        Map<String, List<String>> queued = drain(stack.aws().clients().sqs(), stack.aws().queueUrl("DigestQueue"));
        Map<String, List<String>> expected = new HashMap<>();
        for (var result : results.entrySet()) {
            assertTrue(result.getValue().succeeded(), result.getKey() + ": " + result.getValue().response() + result.getValue().logs());
            JsonNode plan = result.getValue().json();
            switch (result.getKey()) {
                case "schedule.json" -> {
                    assertEquals(TUESDAY.toString(), plan.path("list").asText(), plan.toString());
                    Map<String, Integer> slots = new HashMap<>();
                    plan.path("slots").forEach(slot -> slots.put(slot.path("dueKey").asText(), slot.path("subscribers").asInt()));
                    assertEquals(Map.of("DAILY", 1, "WEEKLY#WEDNESDAY", 0, "DAILY#13#Europe/Berlin", 1, "WEEKLY#WEDNESDAY#13#Europe/Berlin", 0,
                            "DAILY#20#Asia/Tokyo", 0, "WEEKLY#WEDNESDAY#20#Asia/Tokyo", 1), slots, "the schedules due, with their counts: " + plan);
                    assertEquals(3, plan.path("subscribers").asInt(), plan.toString());
                    expected.put(TUESDAY + "-daily", List.of(newYork, berlinAtOne));
                    expected.put(TUESDAY + "-weekly", List.of(tokyoWednesdays));
                }
                case "replan-a-day.json" -> {
                    assertEquals(SAMPLE_DAY + "-daily", plan.path("period").asText(), plan.toString());
                    assertEquals(4, plan.path("subscribers").asInt(), "every daily subscriber, whatever their hour: " + plan);
                    expected.put(SAMPLE_DAY + "-daily", List.of(newYork, berlinAtOne, berlinAtSeven, kolkata));
                }
                default -> throw new AssertionError("say what " + result.getKey() + " should plan in this test");
            }
        }
        Map<String, Set<String>> queuedSets = new HashMap<>();
        queued.forEach((period, ids) -> queuedSets.put(period, Set.copyOf(ids)));
        Map<String, Set<String>> expectedSets = new HashMap<>();
        expected.forEach((period, ids) -> expectedSets.put(period, Set.copyOf(ids)));
        assertEquals(expectedSets, queuedSets, "the queue holds one message per period, naming exactly the subscribers due");
    }

    /** The schedule's Input is the sample event with its time left to EventBridge Scheduler to fill in. */
    @Test
    void theScheduleEventIsTheInputTheTemplateSendsAtOneQuarterHour() throws Exception {
        Template template = Template.load(TestStack.repoRoot().resolve("template.yaml"));
        Map<String, Object> events = Template.mapOf(template.functionProperties("PlanDigestsFunction").get("Events"));
        assertEquals(Set.of("DigestSlots"), events.keySet(), "one schedule plans every hour of every zone");
        Map<String, Object> properties = Template.mapOf(Template.mapOf(events.get("DigestSlots")).get("Properties"));
        JsonNode sample = Json.MAPPER.readTree(TestStack.repoRoot().resolve("events/plan-digests/schedule.json").toFile());

        String filledIn = properties.get("Input").toString().replace("<aws.scheduler.scheduled-time>", sample.path("at").asText());

        assertEquals(sample, Json.MAPPER.readTree(filledIn));
        assertEquals("cron(0/15 * * * ? *)", properties.get("ScheduleExpression"), "every quarter hour");
        assertEquals("UTC", properties.get("ScheduleExpressionTimezone"));
        assertEquals(0, Instant.parse(sample.path("at").asText()).getEpochSecond() % (15 * 60));
    }

    private static String confirmed(SubscriberRepository subscribers, TestStack stack, String address, Preferences.Frequency frequency,
                                    DayOfWeek day, int hour, String zone) {
        EmailAddress email = EmailAddress.parse(address);
        Instant now = Instant.now();
        String id = SubscriberId.of(stack.keys(), email);
        Preferences preferences = new Preferences(frequency, day, List.of(), 10, 0).withHour(hour, ZoneId.of(zone));
        subscribers.create(new Subscriber(id, email, Subscriber.Status.CONFIRMED, preferences, now, now, Optional.of(now), 1), Optional.empty());
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
