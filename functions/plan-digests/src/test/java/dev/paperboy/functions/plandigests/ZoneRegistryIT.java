package dev.paperboy.functions.plandigests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.local.TestStack;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Schedule;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberRepository;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The zone registry and the per-schedule due partitions in the local AWS, as the subscriptions API writes them and the planner reads them. */
class ZoneRegistryIT {
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Test
    void aSubscriberMovingToAnotherZoneRegistersItOnceAndIsFoundOnlyUnderTheirNewSchedule() {
        TestStack stack = TestStack.provision();
        SubscriberRepository subscribers = new SubscriberRepository(stack.aws().clients().dynamoDb(), stack.name("SubscribersTable"));
        EmailAddress email = EmailAddress.parse("mover@example.org");
        Instant now = Instant.now();
        Subscriber atSeven = new Subscriber(SubscriberId.of(stack.keys(), email), email, Subscriber.Status.CONFIRMED,
                new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of(), 10, 0), now, now, Optional.of(now), 1);
        assertTrue(subscribers.create(atSeven, Optional.empty()));
        assertEquals(Set.of(Preferences.DEFAULT_ZONE), subscribers.zonesInUse(), "the default zone needs no registry");

        Subscriber inKolkata = atSeven.nextWithPreferences(atSeven.preferences().withHour(18, KOLKATA), now);
        assertTrue(subscribers.update(atSeven, inKolkata, Optional.empty()));
        Subscriber later = inKolkata.nextWithPreferences(inKolkata.preferences().withHour(6, KOLKATA), now);
        assertTrue(subscribers.update(inKolkata, later, Optional.empty()));

        assertEquals(Set.of(Preferences.DEFAULT_ZONE, KOLKATA), subscribers.zonesInUse(), "added once, however often written");
        assertEquals(List.of(), due(subscribers, Schedule.of(atSeven.preferences())), "gone from the default partition");
        assertEquals(List.of(), due(subscribers, Schedule.of(inKolkata.preferences())), "gone from the 18:00 partition");
        assertEquals(List.of(atSeven.id()), due(subscribers, Schedule.of(later.preferences())));
    }

    private static List<String> due(SubscriberRepository subscribers, Schedule schedule) {
        List<String> ids = new ArrayList<>();
        subscribers.forEachDue(schedule, ids::add);
        return ids;
    }
}
