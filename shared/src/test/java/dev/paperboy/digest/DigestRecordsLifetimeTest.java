package dev.paperboy.digest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The no-repeat rule reads records back as far as the sent history: they must still exist then. */
class DigestRecordsLifetimeTest {
    /** The latest a period can be sent after its list day: 4 days in the queue, redriven within 14 days of its dead-letter queue. */
    private static final Duration LATEST_SEND = Duration.ofDays(4 + 14);

    @Test
    void aRecordOutlivesTheLastSendWhoseHistoryReadsIt() {
        LocalDate listed = LocalDate.of(2025, 8, 29);
        Instant claimed = listed.atStartOfDay(ZoneOffset.UTC).toInstant(); // claimed at once: the shortest life it can have
        Instant expires = claimed.plus(DigestRecords.HISTORY);

        LocalDate lastReader = listed.plusDays(DigestLedger.SENT_HISTORY.toDays()); // the last period whose history starts at `listed`
        Instant lastRead = lastReader.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofDays(1)).plus(LATEST_SEND);

        assertTrue(expires.isAfter(lastRead), "records live " + DigestRecords.HISTORY.toDays() + " days; the sender reads back "
                + DigestLedger.SENT_HISTORY.toDays() + " days from periods sent up to " + LATEST_SEND.toDays() + " days late");
    }
}
