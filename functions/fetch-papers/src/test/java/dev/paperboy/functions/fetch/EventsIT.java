package dev.paperboy.functions.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.local.HfStub;
import dev.paperboy.local.LocalInvoker.Invocation;
import dev.paperboy.local.TemplateEvents;
import dev.paperboy.local.TestStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample event in events/fetch-papers runs through the packaged function the way
 * `make invoke` runs it: a fresh JVM, the template's handler and environment, the local AWS.
 */
class EventsIT {
    private static final Path EVENTS = TestStack.repoRoot().resolve("events/fetch-papers");
    private static HfStub hf;
    private static TestStack stack;

    @BeforeAll
    static void start() {
        hf = HfStub.start()
                .day(LocalDate.of(2025, 8, 28), HfEntries.day().papers(1, 4).json())
                .day(LocalDate.of(2025, 8, 29), HfEntries.day().papers(3, 5).json());
        stack = TestStack.provision();
    }

    @AfterAll
    static void stop() {
        hf.close();
    }

    static Stream<Path> events() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    private static Invocation invoke(byte[] event) {
        return stack.invoker().invoke("FetchPapersFunction", event, Map.of("HF_API_URL", hf.url().toString()));
    }

    @ParameterizedTest
    @MethodSource("events")
    void eachSampleEventRunsThroughThePackagedFunction(Path event) throws IOException {
        Invocation result = invoke(Files.readAllBytes(event));

        assertTrue(result.succeeded(), event.getFileName() + " failed: " + result.response() + "\n" + result.logs());
        JsonNode summary = Json.MAPPER.readTree(result.response());
        assertFalse(summary.path("dates").isEmpty(), result.response());
        assertEquals(0, summary.path("failed").asInt());
        assertTrue(result.logs().contains("\"message\":\"fetch summary\""), "one JSON summary line is logged: " + result.logs());
    }

    @Test
    void theDateEventStoresThatDay() throws IOException {
        Invocation result = invoke(Files.readAllBytes(EVENTS.resolve("date.json")));

        JsonNode summary = Json.MAPPER.readTree(result.response());
        assertEquals(List.of("2025-08-29"), List.of(summary.path("dates").get(0).asText()));
        assertEquals(5, summary.path("seen").asInt());
    }

    @Test
    void theScheduleEventsAreTheInputsTheTemplateSends() throws IOException {
        TemplateEvents.assertScheduleInputs(stack, "FetchPapersFunction",
                Map.of("EveningFetch", "events/fetch-papers/evening-schedule.json", "UpvoteRefresh", "events/fetch-papers/upvote-refresh.json"));
    }

    @Test
    void aBadEventFailsTheInvocationWithAClearError() throws IOException {
        Invocation result = invoke("{\"date\": \"29/08/2025\"}".getBytes(StandardCharsets.UTF_8));

        assertFalse(result.succeeded());
        JsonNode error = Json.MAPPER.readTree(result.response());
        assertEquals("java.lang.IllegalArgumentException", error.path("errorType").asText());
        assertEquals("date must be a date as YYYY-MM-DD, got '29/08/2025'", error.path("errorMessage").asText());
    }

    @Test
    void aDayThatCannotBeFetchedFailsTheInvocationNamingTheDateAndStatus() throws IOException {
        hf.script(LocalDate.of(2025, 8, 27), 0, HfStub.Reply.status(404, "{\"error\":\"not found\"}"));

        Invocation result = invoke("{\"date\": \"2025-08-27\"}".getBytes(StandardCharsets.UTF_8));

        assertFalse(result.succeeded());
        assertEquals("fetch failed for 1 of 1 day(s): 2025-08-27: page 0 failed after 1 attempt(s): HTTP 404",
                Json.MAPPER.readTree(result.response()).path("errorMessage").asText());
    }
}
