package dev.paperboy.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FetchRequestTest {
    private static final LocalDate LATEST = LocalDate.of(2025, 8, 29);

    private static FetchRequest read(String json) throws Exception {
        JsonNode event = Json.MAPPER.readTree(json);
        return FetchRequest.fromEvent(event, LATEST);
    }

    @Test
    void oneDate() throws Exception {
        assertEquals(List.of(LocalDate.of(2025, 8, 1)), read("{\"date\":\"2025-08-01\"}").dates());
    }

    @Test
    void aBackfillRangeIncludesBothEnds() throws Exception {
        assertEquals(List.of(LocalDate.of(2025, 8, 27), LocalDate.of(2025, 8, 28), LocalDate.of(2025, 8, 29)),
                read("{\"from\":\"2025-08-27\",\"to\":\"2025-08-29\"}").dates());
    }

    @Test
    void aRangeWithoutAnEndRunsToTheLatestList() throws Exception {
        assertEquals(2, read("{\"from\":\"2025-08-28\"}").dates().size());
    }

    @Test
    void lastDaysEndsWithTheLatestList() throws Exception {
        assertEquals(List.of(LocalDate.of(2025, 8, 28), LocalDate.of(2025, 8, 29)), read("{\"lastDays\":2}").dates());
    }

    @Test
    void nothingOrAScheduledEventMeansTheLatestList() throws Exception {
        assertEquals(List.of(LATEST), read("{}").dates());
        assertEquals(List.of(LATEST), read("{\"version\":\"0\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{}}").dates());
        assertEquals(List.of(LATEST), read("{\"date\":\"latest\"}").dates());
    }

    @Test
    void badInputGetsAClearError() {
        assertEquals("date must be a date as YYYY-MM-DD, got 'yesterday'",
                assertThrows(IllegalArgumentException.class, () -> read("{\"date\":\"yesterday\"}")).getMessage());
        assertEquals("date must be a date as YYYY-MM-DD, got 20250829",
                assertThrows(IllegalArgumentException.class, () -> read("{\"date\":20250829}")).getMessage());
        assertEquals("Daily Papers starts on 2023-05-04, asked for 2023-05-03",
                assertThrows(IllegalArgumentException.class, () -> read("{\"date\":\"2023-05-03\"}")).getMessage());
        assertEquals("there is no list for 2025-08-30 yet; the latest is 2025-08-29",
                assertThrows(IllegalArgumentException.class, () -> read("{\"date\":\"2025-08-30\"}")).getMessage());
        assertEquals("from 2025-08-29 is after to 2025-08-01",
                assertThrows(IllegalArgumentException.class, () -> read("{\"from\":\"2025-08-29\",\"to\":\"2025-08-01\"}")).getMessage());
        assertEquals("asked for 63 days; one invocation fetches at most 62, so split the backfill",
                assertThrows(IllegalArgumentException.class, () -> read("{\"from\":\"2025-06-28\",\"to\":\"2025-08-29\"}")).getMessage());
        assertEquals("lastDays must be a whole number from 1 to 62, got 0",
                assertThrows(IllegalArgumentException.class, () -> read("{\"lastDays\":0}")).getMessage());
    }

    @Test
    void fromArchiveAsksForAReplayOfTheSameDays() throws Exception {
        FetchRequest replay = read("{\"date\":\"2025-08-29\",\"fromArchive\":true}");

        assertEquals(List.of(LocalDate.of(2025, 8, 29)), replay.dates());
        assertEquals(true, replay.fromArchive());
        assertEquals(false, read("{\"date\":\"2025-08-29\"}").fromArchive(), "fetching from the source is the default");
        assertEquals("fromArchive must be true or false, got \"yes\"",
                assertThrows(IllegalArgumentException.class, () -> read("{\"lastDays\":2,\"fromArchive\":\"yes\"}")).getMessage());
    }
}
