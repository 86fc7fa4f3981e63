package dev.paperboy.digest;

import dev.paperboy.mail.DigestMailer;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.subscriber.EmailAddress;

/**
 * Hands mails to the mailer no faster than the pacer allows, and when SES still says it is busy
 * waits and tries the same mail again: 100 ms doubling up to 5 s, six retries (about 6 s in all,
 * which DigestSender keeps in reserve). Past that the throttle is passed on and the message returns
 * to the queue. Only Throttled is retried: every other refusal is the sender's to handle.
 *
 * <p>The waits are fixed, not jittered like the subscribers' conflict retries: every send of this
 * instance waits in this one place, behind one pacer, so there is no crowd of writers to spread out.
 */
public final class PacedMailer implements DigestMailer {
    static final int THROTTLE_RETRIES = 6;
    private static final long FIRST_WAIT_MILLIS = 100;
    private static final long LONGEST_WAIT_MILLIS = 5_000;

    private final DigestMailer mailer;
    private final Pacer pacer;
    private final Metrics metrics;
    private final Pacer.Sleeper sleeper;

    public PacedMailer(DigestMailer mailer, Pacer pacer, Metrics metrics) {
        this(mailer, pacer, metrics, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    PacedMailer(DigestMailer mailer, Pacer pacer, Metrics metrics, Pacer.Sleeper sleeper) {
        this.mailer = mailer;
        this.pacer = pacer;
        this.metrics = metrics;
        this.sleeper = sleeper;
    }

    @Override
    public String send(String from, EmailAddress to, byte[] mime) {
        for (int attempt = 0; ; attempt++) {
            try {
                pacer.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Throttled("interrupted while pacing");
            }
            try {
                return mailer.send(from, to, mime);
            } catch (Throttled e) {
                metrics.count("SesThrottled");
                if (attempt >= THROTTLE_RETRIES) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /** The wait after the given failed attempt (0 is the first). */
    static long waitMillis(int attempt) {
        return Math.min(LONGEST_WAIT_MILLIS, FIRST_WAIT_MILLIS << attempt);
    }

    private void backOff(int attempt) {
        try {
            sleeper.sleep(waitMillis(attempt) * 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Throttled("interrupted while backing off");
        }
    }
}
