package dev.paperboy.functions.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.local.HfStub;
import dev.paperboy.local.SamLocal;
import dev.paperboy.local.SamLocal.Invocation;
import dev.paperboy.local.TemplateEvents;
import dev.paperboy.local.TestStack;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every sample event in events/fetch-papers through the real `sam local invoke`: the built function
 * in the Lambda Java 21 image, on the local AWS's Docker network, the Hugging Face stand-in
 * reached at this machine's address on that network.
 */
class EventsIT {
    private static final Path EVENTS = TestStack.repoRoot().resolve("events/fetch-papers");
    private static final LocalDate DAY_BEFORE = LocalDate.of(2025, 8, 28);
    private static final LocalDate DAY = LocalDate.of(2025, 8, 29);
    private static HfStub hf;
    private static TestStack stack;
    private static SamLocal sam;
    private static PaperRepository papers;

    @BeforeAll
    static void start() {
        stack = TestStack.provision();
        sam = stack.sam();
        hf = HfStub.start(sam.network().gateway())
                .day(DAY_BEFORE, HfEntries.day().papers(1, 4).json())
                .day(DAY, HfEntries.day().papers(3, 5).json());
        papers = new PaperRepository(stack.aws().clients().dynamoDb(), stack.name("PapersTable"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        hf.close();
    }

    private static Invocation invoke(byte[] event) {
        return sam.invoke("FetchPapersFunction", event, Map.of("HF_API_URL", hf.url().toString()));
    }

    @Test
    void everySampleEventStoresTheDaysItAsksFor() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(EVENTS)) {
            files = listed.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        List<String> ran = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            Invocation result = invoke(Files.readAllBytes(file));

            assertTrue(result.succeeded(), name + " failed: " + result.response() + "\n" + result.logs());
            JsonNode summary = result.json();
            assertEquals(0, summary.path("failed").asInt(), name + ": " + result.response());
            assertTrue(result.logs().contains("\"message\":\"fetch summary\""), name + ": one JSON summary line is logged: " + result.logs());
            assertTrue(summaryLine(result.logs()).path("requestId").asText().length() > 0, name + ": the summary line carries the request id");
            List<String> dates = new ArrayList<>();
            summary.path("dates").forEach(d -> dates.add(d.asText()));
            switch (name) {
                case "backfill.json" -> {
                    assertEquals(List.of("2025-08-25", "2025-08-26", "2025-08-27", "2025-08-28", "2025-08-29"), dates);
                    assertEquals(9, summary.path("written").asInt(), "4 + 5 papers, each archived first: " + result.response());
                    assertEquals(ids(1, 4), storedIds(DAY_BEFORE));
                    assertEquals(ids(3, 5), storedIds(DAY));
                    summary.path("days").forEach(day -> day.path("archivedKeys").forEach(key ->
                            assertTrue(archived(key.asText()), "archived before parsing: " + key.asText())));
                }
                case "date.json" -> {
                    assertEquals(List.of("2025-08-29"), dates);
                    assertEquals(5, summary.path("seen").asInt());
                    assertEquals(5, summary.path("unchanged").asInt(), "the backfill stored it already: " + result.response());
                    assertEquals(0, summary.path("written").asInt());
                }
                case "evening-schedule.json" -> assertEquals(2, dates.size(), result.response());
                case "latest.json" -> assertEquals(1, dates.size(), result.response());
                case "replay-archive.json" -> {
                    assertEquals(List.of("2025-08-29"), dates);
                    assertEquals(5, summary.path("seen").asInt(), "read back from the archive: " + result.response());
                    assertTrue(summary.path("days").get(0).path("archivedKeys").isEmpty(), "a replay archives nothing new");
                    assertEquals(ids(3, 5), storedIds(DAY));
                }
                case "upvote-refresh.json" -> assertEquals(4, dates.size(), result.response());
                default -> throw new AssertionError("say what " + name + " should do in this test");
            }
            ran.add(name);
        }
        assertEquals(6, ran.size(), "every sample ran: " + ran);
    }

    @Test
    void theScheduleEventsAreTheInputsTheTemplateSends() throws IOException {
        TemplateEvents.assertScheduleInputs(stack, "FetchPapersFunction",
                Map.of("EveningFetch", "events/fetch-papers/evening-schedule.json", "UpvoteRefresh", "events/fetch-papers/upvote-refresh.json"));
    }

    @Test
    void aBadEventFailsTheInvocationWithAClearError() {
        Invocation result = invoke("{\"date\": \"29/08/2025\"}".getBytes(StandardCharsets.UTF_8));

        assertFalse(result.succeeded());
        JsonNode error = result.json();
        assertEquals("java.lang.IllegalArgumentException", error.path("errorType").asText());
        assertEquals("date must be a date as YYYY-MM-DD, got '29/08/2025'", error.path("errorMessage").asText());
    }

    @Test
    void aDayThatCannotBeFetchedFailsTheInvocationNamingTheDateAndStatus() {
        hf.script(LocalDate.of(2025, 8, 27), 0, HfStub.Reply.status(404, "{\"error\":\"not found\"}"));

        Invocation result = invoke("{\"date\": \"2025-08-27\"}".getBytes(StandardCharsets.UTF_8));

        assertFalse(result.succeeded());
        assertEquals("fetch failed for 1 of 1 day(s): 2025-08-27: page 0 failed after 1 attempt(s): HTTP 404",
                result.json().path("errorMessage").asText());
    }

    private static List<String> storedIds(LocalDate day) {
        return papers.papersOf(day).stream().map(Paper::id).toList();
    }

    private static List<String> ids(int first, int count) {
        List<String> ids = new ArrayList<>();
        for (int n = first; n < first + count; n++) {
            ids.add("2508.9" + String.format("%04d", n));
        }
        return ids;
    }

    private static boolean archived(String key) {
        try {
            stack.aws().clients().s3().headObject(r -> r.bucket(stack.name("ArchiveBucket")).key(key));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception absent) {
            return false;
        }
    }

    private static JsonNode summaryLine(String logs) throws IOException {
        for (String line : logs.split("\n")) {
            if (line.contains("\"message\":\"fetch summary\"")) {
                return Json.MAPPER.readTree(line.substring(line.indexOf('{')));
            }
        }
        return Json.MAPPER.createObjectNode();
    }
}
