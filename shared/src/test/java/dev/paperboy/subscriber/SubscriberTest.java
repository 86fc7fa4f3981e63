package dev.paperboy.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscriberTest {
    private static final Instant CREATED = Instant.parse("2025-08-01T12:00:00Z");
    private static final Instant LATER = Instant.parse("2025-08-29T12:00:00Z");
    private static final EmailAddress ADDRESS = EmailAddress.parse("reader@example.org");
    private static final Subscriber PENDING = Subscriber.pending("id", ADDRESS, Preferences.defaults(), CREATED);

    @Test
    void aFirstSubscriptionIsPendingAtVersionOne() {
        assertEquals(new Subscriber("id", ADDRESS, Subscriber.Status.PENDING, Preferences.defaults(), CREATED, CREATED, Optional.empty(), 1),
                PENDING);
    }

    @Test
    void confirmingStampsTheConfirmationAndTheNextVersion() {
        assertEquals(new Subscriber("id", ADDRESS, Subscriber.Status.CONFIRMED, Preferences.defaults(), CREATED, LATER, Optional.of(LATER), 2),
                PENDING.nextConfirmed(LATER));
    }

    @Test
    void changingPreferencesKeepsStatusAndConfirmation() {
        Subscriber confirmed = PENDING.nextConfirmed(CREATED);
        Preferences weekly = new Preferences(Preferences.Frequency.WEEKLY, DayOfWeek.FRIDAY, List.of("agents"), 5, 1);

        assertEquals(new Subscriber("id", ADDRESS, Subscriber.Status.CONFIRMED, weekly, CREATED, LATER, Optional.of(CREATED), 3),
                confirmed.nextWithPreferences(weekly, LATER));
    }

    @Test
    void leavingDropsTheConfirmationAndSuppressingKeepsItBothEndTheFeedLink() {
        Subscriber confirmed = PENDING.nextConfirmed(CREATED);

        assertEquals(new Subscriber("id", ADDRESS, Subscriber.Status.UNSUBSCRIBED, Preferences.defaults(), CREATED, LATER, Optional.empty(), 3, 1),
                confirmed.nextUnsubscribed(LATER));
        assertEquals(new Subscriber("id", ADDRESS, Subscriber.Status.SUPPRESSED, Preferences.defaults(), CREATED, LATER, Optional.of(CREATED), 3, 1),
                confirmed.nextSuppressed(LATER));
    }

    @Test
    void subscribingAgainIsPendingWithTheAddressAndPreferencesAskedKeepingWhenItWasCreated() {
        Subscriber left = PENDING.nextConfirmed(CREATED).nextUnsubscribed(CREATED);
        EmailAddress sameMailbox = EmailAddress.parse("Reader@example.org");
        Preferences asked = new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of("robots"), 3, 0);

        assertEquals(new Subscriber("id", sameMailbox, Subscriber.Status.PENDING, asked, CREATED, LATER, Optional.empty(), 4, 1),
                left.nextPending(sameMailbox, asked, LATER), "the feed link ended on leaving stays ended");
    }
}
