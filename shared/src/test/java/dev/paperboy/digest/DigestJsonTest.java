package dev.paperboy.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperboy.json.Json;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences.Frequency;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A period travels typed inside the code and as its id on the wire: the queue's messages and the plan keep their shape. */
class DigestJsonTest {
    private static final Period FRIDAY = new Period(Frequency.DAILY, LocalDate.of(2025, 8, 29));

    @Test
    void aJobIsWrittenWithItsPeriodsId() throws Exception {
        String json = Json.MAPPER.writeValueAsString(new DigestJob(FRIDAY, List.of("a", "b")));

        assertEquals("{\"period\":\"2025-08-29-daily\",\"subscribers\":[\"a\",\"b\"]}", json);
    }

    @Test
    void aMessageShapedAsTheSampleEventsReadsAsAJobOfItsPeriod() throws Exception {
        // The body of events/send-digests/sqs-batch.json, which send-digests' EventsIT runs through the function.
        String body = "{\"period\": \"2025-08-29-daily\", \"subscribers\": [\"0123456789abcdef0123456789abcdef\"]}";

        DigestJob job = Json.MAPPER.readValue(body, DigestJob.class);

        assertEquals(new DigestJob(FRIDAY, List.of("0123456789abcdef0123456789abcdef")), job);
    }

    @Test
    void aPlanAnswersWithThePeriodsId() throws Exception {
        String plan = Json.MAPPER.writeValueAsString(new DigestPlanner.Plan(new Period(Frequency.WEEKLY, FRIDAY.listDate()), "WEEKLY#FRIDAY", 1, 1, 1));
        String nothing = Json.MAPPER.writeValueAsString(DigestPlanner.NothingListed.in(FRIDAY));

        assertEquals("{\"period\":\"2025-08-29-weekly\",\"dueKey\":\"WEEKLY#FRIDAY\",\"subscribers\":1,\"messages\":1,\"sqsRequests\":1}", plan);
        assertEquals("{\"period\":\"2025-08-29-daily\",\"dueKey\":\"DAILY\",\"subscribers\":0,\"reason\":\"no papers listed\"}", nothing);
    }

    @Test
    void aScheduledRunAnswersWithItsTimeListAndEachScheduleDue() throws Exception {
        var run = new DigestPlanner(DueSubscribers.from(() -> java.util.Set.of(dev.paperboy.subscriber.Preferences.DEFAULT_ZONE), (schedule, each) -> each.accept("a")),
                jobs -> 1, (first, last) -> first.equals(last) ? 0 : 3, dev.paperboy.metrics.Metrics.none())
                .planAt(java.time.Instant.parse("2025-08-30T11:00:00Z"));

        assertEquals("{\"at\":\"2025-08-30T11:00:00Z\",\"list\":\"2025-08-29\",\"slots\":["
                + "{\"dueKey\":\"DAILY\",\"period\":\"2025-08-29-daily\",\"subscribers\":0,\"status\":\"no papers listed\"},"
                + "{\"dueKey\":\"WEEKLY#SATURDAY\",\"period\":\"2025-08-29-weekly\",\"subscribers\":1,\"status\":\"planned\"}],"
                + "\"subscribers\":1,\"messages\":1,\"sqsRequests\":1}", Json.MAPPER.writeValueAsString(run));
    }
}
