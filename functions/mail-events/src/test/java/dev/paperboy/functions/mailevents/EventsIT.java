package dev.paperboy.functions.mailevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.local.EmfLines;
import dev.paperboy.local.SamLocal;
import dev.paperboy.local.SampleEvents;
import dev.paperboy.local.TestStack;
import dev.paperboy.keys.Keys;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberRepository;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sample SES events through `sam local invoke`: hard bounces and complaints suppress, soft bounces do not. */
class EventsIT {
    @Test
    void hardBouncesAndComplaintsSuppressTheAddressAndSoftBouncesDoNot() {
        TestStack stack = TestStack.provision();
        SubscriberRepository subscribers = new SubscriberRepository(stack.aws().clients().dynamoDb(), stack.name("SubscribersTable"));
        for (String address : new String[] {"sample.bounce@example.org", "sample.complaint@example.org", "sample.full@example.org"}) {
            EmailAddress email = EmailAddress.parse(address);
            Instant now = Instant.now();
            subscribers.create(new Subscriber(SubscriberId.of(stack.keys(), email), email, Subscriber.Status.CONFIRMED, Preferences.defaults(),
                    now, now, Optional.of(now), 1), Optional.empty());
        }

        Map<String, SamLocal.Invocation> results = SampleEvents.invokeAll(stack, "MailEventsFunction", "events/mail-events", Map.of());

        results.forEach((file, result) -> assertTrue(result.succeeded(), file + ": " + result.logs()));
        Keys keys = stack.keys();
        assertEquals(Subscriber.Status.SUPPRESSED, status(subscribers, keys, "sample.bounce@example.org"));
        assertEquals(Subscriber.Status.SUPPRESSED, status(subscribers, keys, "sample.complaint@example.org"));
        assertEquals(Subscriber.Status.CONFIRMED, status(subscribers, keys, "sample.full@example.org"));
        assertTrue(subscribers.isSuppressed(SubscriberId.of(keys, EmailAddress.parse("sample.bounce@example.org"))),
                "the suppression record that outlives the profile");
        assertEquals(0, results.get("ses-soft-bounce.json").json().path("suppressed").asInt(), results.get("ses-soft-bounce.json").response());
        assertEquals(Map.of("Bounces", 1L, "AddressesSuppressed", 1L), EmfLines.totals(results.get("ses-hard-bounce.json").logs()));
        assertEquals(Map.of("Bounces", 1L), EmfLines.totals(results.get("ses-soft-bounce.json").logs()), "counted, not suppressed");
        assertEquals(Map.of("Complaints", 1L, "AddressesSuppressed", 1L), EmfLines.totals(results.get("ses-complaint.json").logs()));
    }

    private static Subscriber.Status status(SubscriberRepository subscribers, Keys keys, String address) {
        return subscribers.find(SubscriberId.of(keys, EmailAddress.parse(address))).orElseThrow().status();
    }
}
