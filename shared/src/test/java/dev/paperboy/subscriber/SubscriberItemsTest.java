package dev.paperboy.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.subscriber.Preferences.Frequency;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class SubscriberItemsTest {
    private static final Instant NOW = Instant.parse("2025-08-29T12:00:00Z");
    private static final EmailAddress ADDRESS = EmailAddress.parse("reader@example.org");
    private static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);

    private static Subscriber confirmed(Frequency frequency, DayOfWeek day) {
        return Subscriber.pending("0123456789abcdef0123456789abcdef", ADDRESS, new Preferences(frequency, day, List.of("agents"), 7, 3), NOW)
                .nextConfirmed(NOW);
    }

    @Test
    void aConfirmedSubscriberIsInTheDueGroupOfTheirPeriods() {
        var daily = SubscriberItems.profile(confirmed(Frequency.DAILY, DayOfWeek.MONDAY), Optional.empty());
        var fridays = SubscriberItems.profile(confirmed(Frequency.WEEKLY, DayOfWeek.FRIDAY), Optional.empty());

        assertEquals(SubscriberItems.dueKey(new Period(Frequency.DAILY, FRIDAY)), daily.get("dueKey").s());
        assertEquals(SubscriberItems.dueKey(new Period(Frequency.WEEKLY, FRIDAY)), fridays.get("dueKey").s());
        assertEquals("WEEKLY#FRIDAY", fridays.get("dueKey").s());
        assertFalse(SubscriberItems.dueKey(new Period(Frequency.WEEKLY, FRIDAY.plusDays(1))).equals(fridays.get("dueKey").s()),
                "not due on another weekday");
    }

    @Test
    void theDefaultHourKeepsTheDueKeysWrittenBeforeHoursExistedSoOldProfilesNeedNoMigration() {
        Subscriber atSeven = confirmed(Frequency.WEEKLY, DayOfWeek.FRIDAY);
        Subscriber chosenSeven = atSeven.nextWithPreferences(atSeven.preferences().withHour(7, ZoneId.of("America/New_York")), NOW);

        assertEquals("WEEKLY#FRIDAY", SubscriberItems.profile(chosenSeven, Optional.empty()).get("dueKey").s());
        assertEquals("DAILY", SubscriberItems.dueKey(new Schedule(Frequency.DAILY, DayOfWeek.SUNDAY, 7, Preferences.DEFAULT_ZONE)));
        assertEquals(Optional.empty(), SubscriberItems.zoneToRegister(Optional.empty(), chosenSeven), "the default zone is always planned, never registered");
    }

    @Test
    void anotherHourOrZoneHasItsOwnDueKeyAndItsZoneIsRegistered() {
        Subscriber daily = confirmed(Frequency.DAILY, DayOfWeek.MONDAY);
        Subscriber berlin = daily.nextWithPreferences(daily.preferences().withHour(7, ZoneId.of("Europe/Berlin")), NOW);
        Subscriber kolkata = daily.nextWithPreferences(new Preferences(Frequency.WEEKLY, DayOfWeek.MONDAY, List.of(), 7, 0)
                .withHour(18, ZoneId.of("Asia/Kolkata")), NOW);
        Subscriber evening = daily.nextWithPreferences(daily.preferences().withHour(18, Preferences.DEFAULT_ZONE), NOW);

        assertEquals("DAILY#07#Europe/Berlin", SubscriberItems.profile(berlin, Optional.empty()).get("dueKey").s());
        assertEquals("WEEKLY#MONDAY#18#Asia/Kolkata", SubscriberItems.profile(kolkata, Optional.empty()).get("dueKey").s());
        assertEquals("DAILY#18#America/New_York", SubscriberItems.profile(evening, Optional.empty()).get("dueKey").s());
        assertEquals(Optional.of(ZoneId.of("Europe/Berlin")), SubscriberItems.zoneToRegister(Optional.of(daily), berlin));
        assertEquals(Optional.empty(), SubscriberItems.zoneToRegister(Optional.of(berlin), berlin.nextUnsubscribed(NOW)), "nobody due: nothing to register");
    }

    @Test
    void aSaveThatKeepsTheZoneWritesNothingToTheRegistry() {
        Subscriber daily = confirmed(Frequency.DAILY, DayOfWeek.MONDAY);
        Subscriber berlin = daily.nextWithPreferences(daily.preferences().withHour(7, ZoneId.of("Europe/Berlin")), NOW);
        Subscriber otherHour = berlin.nextWithPreferences(berlin.preferences().withHour(21, ZoneId.of("Europe/Berlin")), NOW);
        Subscriber newLink = otherHour.nextWithNewFeedLink(NOW);
        Subscriber pendingInTokyo = Subscriber.pending("id", daily.email(), daily.preferences().withHour(7, ZoneId.of("Asia/Tokyo")), NOW);

        assertEquals(Optional.of(ZoneId.of("Europe/Berlin")), SubscriberItems.zoneToRegister(Optional.empty(), berlin), "a new profile due in Berlin");
        assertEquals(Optional.empty(), SubscriberItems.zoneToRegister(Optional.of(berlin), otherHour), "another hour, the same zone");
        assertEquals(Optional.empty(), SubscriberItems.zoneToRegister(Optional.of(otherHour), newLink), "a new feed link");
        assertEquals(Optional.empty(), SubscriberItems.zoneToRegister(Optional.empty(), pendingInTokyo), "not due before confirming");
        assertEquals(Optional.of(ZoneId.of("Asia/Tokyo")), SubscriberItems.zoneToRegister(Optional.of(pendingInTokyo), pendingInTokyo.nextConfirmed(NOW)),
                "confirming makes it due there");
        assertEquals(Optional.of(ZoneId.of("Europe/Berlin")),
                SubscriberItems.zoneToRegister(Optional.of(berlin.nextUnsubscribed(NOW)), berlin.nextUnsubscribed(NOW).nextPending(daily.email(), berlin.preferences(), NOW).nextConfirmed(NOW)),
                "coming back registers again: writing the zone twice is harmless");
    }

    @Test
    void theZoneRegistryReadsTheDefaultZoneFirstAndSkipsAZoneNoLongerKnown() {
        var registry = Map.of("zones", AttributeValue.fromSs(List.of("Asia/Kolkata", "Mars/Olympus_Mons")));

        assertEquals(List.of(Preferences.DEFAULT_ZONE, ZoneId.of("Asia/Kolkata")), List.copyOf(SubscriberItems.dueZones(registry)));
        assertEquals(List.of(Preferences.DEFAULT_ZONE), List.copyOf(SubscriberItems.dueZones(Map.of())), "no registry yet");
    }

    @Test
    void aPendingSubscriberIsInNoDueGroupAndExpires() {
        Subscriber pending = Subscriber.pending("0123456789abcdef0123456789abcdef", ADDRESS, Preferences.defaults(), NOW);

        var item = SubscriberItems.profile(pending, Optional.of(NOW.plusSeconds(60)));

        assertFalse(item.containsKey("dueKey"));
        assertEquals(Long.toString(NOW.plusSeconds(60).getEpochSecond()), item.get("expiresAt").n());
    }

    @Test
    void aProfileReadsBackAsTheSubscriberWritten() {
        Subscriber subscriber = confirmed(Frequency.WEEKLY, DayOfWeek.TUESDAY);

        var item = SubscriberItems.profile(subscriber, Optional.empty());

        assertEquals(subscriber, SubscriberItems.subscriber(item));
        assertEquals(SubscriberItems.partitionKey(subscriber.id()), item.get("pk").s());
        assertEquals(subscriber.id(), SubscriberItems.subscriberIdOf(item));
    }

    @Test
    void everyChoiceReadsBackAndAProfileWrittenBeforeThemReadsTheDefaults() {
        Subscriber chosen = Subscriber.pending("0123456789abcdef0123456789abcdef", ADDRESS, Preferences.defaults()
                        .withExcludedTopics(List.of("robotics")).withFollowedAuthors(List.of("Ada Lovelace"))
                        .withDelivery(Preferences.Delivery.FEED).withHour(18, ZoneId.of("Asia/Kolkata")), NOW)
                .nextConfirmed(NOW).nextWithNewFeedLink(NOW);

        assertEquals(chosen, SubscriberItems.subscriber(SubscriberItems.profile(chosen, Optional.empty())));

        Subscriber before = confirmed(Frequency.DAILY, DayOfWeek.MONDAY);
        var older = new HashMap<>(SubscriberItems.profile(before, Optional.empty()));
        List.of("excludedTopics", "followedAuthors", "delivery", "hour", "zone", "feedGeneration").forEach(older::remove);
        Subscriber read = SubscriberItems.subscriber(older);
        assertEquals(before, read);
        assertEquals(7, read.preferences().hour());
        assertEquals(ZoneId.of("America/New_York"), read.preferences().zone());
        assertEquals(Preferences.Delivery.BOTH, read.preferences().delivery());
        assertEquals(0, read.feedGeneration());
    }

    @Test
    void everythingAboutOneSubscriberSharesTheirPartition() {
        String id = "0123456789abcdef0123456789abcdef";

        assertEquals("SUB#" + id, SubscriberItems.partitionKey(id));
        assertEquals(AttributeValue.fromS("SUB#" + id), SubscriberItems.profileKey(id).get("pk"));
        assertEquals(AttributeValue.fromS("SUB#" + id), SubscriberItems.suppression(id, "complaint", NOW).get("pk"));
        assertEquals("2025-08-29", SubscriberItems.suppression(id, "complaint", NOW).get("suppressedOn").s());
    }

    @Test
    void anUpdateRemovesWhatTheNextVersionNoLongerHas() {
        Subscriber left = confirmed(Frequency.DAILY, DayOfWeek.MONDAY).nextUnsubscribed(NOW);

        SubscriberItems.Update update = SubscriberItems.profileUpdate(left, 2, Optional.of(NOW));

        assertTrue(update.expression().contains(" REMOVE #due, #conf"), update.expression());
        assertEquals("#version = :expected", update.condition());
        assertEquals(AttributeValue.fromN("2"), update.values().get(":expected"));
    }
}
