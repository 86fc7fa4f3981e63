package dev.paperboy.digest;

/**
 * The SES rate is shared by fixed parts: confirmation mails may use {@code confirmations} a
 * second (the subscriptions API paces them fleet-wide), digests the rest. Reserved concurrency
 * caps the send instances, so each may use its part of the rest; confirmations then never
 * take a digest's slot, nor a digest run a confirmation's.
 */
public final class SesRateShare {
    /**
     * SES counts sends in any trailing second. Sends exactly 1/rate apart, a few milliseconds early or
     * late on the wire, fit rate + 1 into one second and get throttled; at 95% of the rate, rate + 1
     * sends span 1.05 s, so up to 50 ms of jitter stays within the limit (measured: `make bench ONLY=pacing`).
     */
    public static final double USED = 0.95;

    private SesRateShare() {
    }

    /** Each send instance's rate, for its {@link Pacer}. */
    public static double digestRatePerInstance(int maxSendRate, int confirmations, int sendConcurrency) {
        int forDigests = maxSendRate - confirmations;
        if (forDigests < 1) {
            throw new IllegalStateException("MaxSendRatePerSecond (" + maxSendRate + ") leaves no rate for digests after the "
                    + confirmations + " a second reserved for confirmation mails (ConfirmationSendRatePerSecond)");
        }
        return USED * forDigests / Math.max(1, sendConcurrency);
    }
}
