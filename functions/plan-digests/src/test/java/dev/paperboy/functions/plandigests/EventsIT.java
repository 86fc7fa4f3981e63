package dev.paperboy.functions.plandigests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.local.LocalInvoker;
import dev.paperboy.local.SampleEvents;
import dev.paperboy.local.TemplateEvents;
import dev.paperboy.local.TestStack;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every sample event in events/plan-digests through the packaged function, as `make invoke` runs it. */
class EventsIT {
    @Test
    void everySampleEventPlansWithoutError() throws Exception {
        TestStack stack = TestStack.provision();
        Map<String, LocalInvoker.Invocation> results = SampleEvents.invokeAll(stack, "PlanDigestsFunction", "events/plan-digests", Map.of());

        for (var result : results.entrySet()) {
            assertTrue(result.getValue().succeeded(), result.getKey() + ": " + result.getValue().response() + result.getValue().logs());
            JsonNode plan = Json.MAPPER.readTree(result.getValue().response());
            assertEquals(0, plan.path("subscribers").asInt(), "a fresh stack has nobody due: " + result.getValue().response());
        }
        assertTrue(results.get("replan-a-day.json").response().contains("\"period\":\"2025-08-29-daily\""));
    }

    @Test
    void theScheduleEventsAreTheInputsTheTemplateSends() throws Exception {
        TestStack stack = TestStack.provision();
        TemplateEvents.assertScheduleInputs(stack, "PlanDigestsFunction",
                Map.of("DailyDigests", "events/plan-digests/daily-schedule.json", "WeeklyDigests", "events/plan-digests/weekly-schedule.json"));
    }
}
