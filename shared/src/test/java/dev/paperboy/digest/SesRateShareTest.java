package dev.paperboy.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The SES rate is shared in fixed parts: confirmations their reserved part, digests the rest. */
class SesRateShareTest {
    @ParameterizedTest
    @CsvSource({"14, 1, 2", "14, 1, 50", "2, 1, 2", "100, 5, 7", "14, 13, 2"})
    void digestsAtFullSpeedLeaveTheConfirmationsTheirPart(int max, int confirmations, int concurrency) {
        double digests = SesRateShare.digestRatePerInstance(max, confirmations, concurrency) * concurrency;
        assertTrue(digests + confirmations <= max, digests + " digests + " + confirmations + " confirmations a second > " + max);
        assertEquals(SesRateShare.USED * (max - confirmations), digests, 1e-9, "digests get all the rest");
    }

    @Test
    void aShareThatLeavesDigestsNothingIsRefusedAtStart() {
        assertThrows(IllegalStateException.class, () -> SesRateShare.digestRatePerInstance(1, 1, 2));
    }
}
