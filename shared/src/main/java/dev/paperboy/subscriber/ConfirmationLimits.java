package dev.paperboy.subscriber;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a confirmation (or "already subscribed") mail may go to a mailbox now. Counted across
 * every container of the function, so that no number of parallel requests gets past them.
 */
public interface ConfirmationLimits {
    /** At most one mail per mailbox in this window. */
    Duration MAILBOX_WINDOW = Duration.ofMinutes(10);
    /**
     * At most this many mails per mailbox per 24 hours (a window that starts with its first mail).
     * Three lets a person who lost or mistyped the first mail ask twice more the same day; a
     * stranger whose address someone keeps typing in gets three mails a day from us, not one every
     * ten minutes (144), each saying it can be ignored.
     */
    int MAILBOX_DAILY_CAP = 3;
    Duration MAILBOX_DAY = Duration.ofHours(24);

    Decision acquire(Mailbox mailbox);

    /** Gives back what {@link #acquire} took when the mail could not be sent, so that a retry may mail. */
    void release(Decision.Granted grant);

    sealed interface Decision {
        /**
         * The mail may go; {@code release} it if it does not.
         *
         * @param at   the second the mailbox and hour counters were claimed in
         * @param slot the start of the SES-rate slot this mail was given (fleet-wide, one slot per mail)
         */
        record Granted(Mailbox mailbox, Instant at, Instant slot) implements Decision {
        }

        /** This mailbox had its mail in the last ten minutes, or its daily cap. */
        record MailboxLimited() implements Decision {
        }

        /** The fleet's limit on confirmation mails (the hourly cap, or the SES share) was reached. */
        record Capped(String reason) implements Decision {
        }
    }
}
