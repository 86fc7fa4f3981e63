package dev.paperboy.functions.senddigests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.digest.DigestRecords;
import dev.paperboy.subscriber.Period;
import dev.paperboy.digest.S3DigestArchive;
import dev.paperboy.local.Outbox;
import dev.paperboy.local.SamLocal;
import dev.paperboy.local.SampleEvents;
import dev.paperboy.local.TestStack;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberRepository;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sample SQS batch through `sam local invoke`, twice, for the subscriber it names (confirmed,
 * daily) with the sample day's papers stored: the first sends the digest through the local SES and
 * records it; the second, as a redelivery would, sends nothing.
 */
class EventsIT {
    /** The subscriber id and period events/send-digests/sqs-batch.json names. */
    private static final String SAMPLE_SUBSCRIBER = "0123456789abcdef0123456789abcdef";
    private static final Period PERIOD = Period.parse("2025-08-29-daily");

    @Test
    void theSampleBatchSendsTheDigestOnceAndNothingIsLeftToRetry() throws Exception {
        TestStack stack = TestStack.provision();
        stack.storeSampleDay(LocalDate.of(2025, 8, 29));
        String address = "sample." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Instant now = Instant.now();
        new SubscriberRepository(stack.aws().clients().dynamoDb(), stack.name("SubscribersTable")).create(new Subscriber(
                SAMPLE_SUBSCRIBER, EmailAddress.parse(address), Subscriber.Status.CONFIRMED,
                new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of(), 5, 0), now, now, Optional.of(now), 1), Optional.empty());
        Map<String, String> base = Map.of("PUBLIC_BASE_URL", "https://paperboy.test");

        SamLocal.Invocation first = SampleEvents.invokeAll(stack, "SendDigestsFunction", "events/send-digests", base).get("sqs-batch.json");
        SamLocal.Invocation again = SampleEvents.invokeAll(stack, "SendDigestsFunction", "events/send-digests", base).get("sqs-batch.json");

        for (SamLocal.Invocation result : List.of(first, again)) {
            assertTrue(result.succeeded(), result.response() + "\n" + result.logs());
            assertTrue(result.json().path("batchItemFailures").isEmpty(), "nothing to retry: " + result.response());
        }
        List<Outbox.Mail> mails = new Outbox(stack.aws().endpoint()).to(address);
        assertEquals(1, mails.size(), "one digest a period, a redelivery sends nothing: " + again.logs());
        Outbox.Mail mail = mails.get(0);
        assertTrue(mail.raw(), "the digest goes out as raw MIME");
        assertTrue(mail.mime().getHeader("List-Unsubscribe")[0].startsWith("<https://paperboy.test/unsubscribe?token="),
                "one-click unsubscribe on the public base URL: " + String.join(",", mail.mime().getHeader("List-Unsubscribe")));
        Set<String> sent = new DigestRecords(stack.aws().clients().dynamoDb(), stack.name("SubscribersTable"))
                .sentPapers(SAMPLE_SUBSCRIBER, LocalDate.of(2025, 8, 1));
        assertFalse(sent.isEmpty(), "the digest record names the papers sent");
        assertTrue(sent.size() <= 5, "at most the subscriber's papers per mail: " + sent);
        byte[] archived = stack.aws().clients().s3().getObjectAsBytes(r -> r.bucket(stack.name("ArchiveBucket"))
                .key(new S3DigestArchive(stack.aws().clients().s3(), stack.name("ArchiveBucket"), stack.keys()).key(PERIOD, SAMPLE_SUBSCRIBER))).asByteArray();
        assertTrue(archived.length > 0, "the rendered digest is archived for its view-in-browser link");
    }
}
