package dev.paperboy.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import java.io.IOException;
import java.util.Map;

/** Keeps the sample schedule events equal to the Input the template's schedules send. */
public final class TemplateEvents {
    private TemplateEvents() {
    }

    /** Fails unless each named schedule of the function sends exactly the JSON in its sample file. */
    public static void assertScheduleInputs(TestStack stack, String logicalId, Map<String, String> scheduleToFile) throws IOException {
        Map<String, Object> events = Template.mapOf(stack.template().functionProperties(logicalId).get("Events"));
        for (Map.Entry<String, String> pair : scheduleToFile.entrySet()) {
            Map<String, Object> properties = Template.mapOf(Template.mapOf(events.get(pair.getKey())).get("Properties"));
            JsonNode input = Json.MAPPER.readTree(properties.get("Input").toString());
            JsonNode sample = Json.MAPPER.readTree(stack.root().resolve(pair.getValue()).toFile());
            if (!input.equals(sample)) {
                throw new AssertionError(pair.getValue() + " must equal the Input of " + pair.getKey() + ": " + input);
            }
        }
    }
}
