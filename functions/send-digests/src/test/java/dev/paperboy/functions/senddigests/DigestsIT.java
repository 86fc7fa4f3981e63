package dev.paperboy.functions.senddigests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.AwsClients;
import dev.paperboy.json.Json;
import dev.paperboy.local.EmfLines;
import dev.paperboy.local.SamLocal;
import dev.paperboy.local.Outbox;
import dev.paperboy.local.QueuePoller;
import dev.paperboy.local.TestStack;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberRepository;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * End to end on the local AWS, the functions run by `sam local invoke`: papers in the table,
 * subscribers with different preferences, the planner, the queue (drained as Lambda's poller
 * would), the sender, and what each mailbox got.
 */
class DigestsIT {
    private static final LocalDate THURSDAY = LocalDate.of(2025, 8, 28);
    private static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TRENDING = "trending-" + RUN + "@example.org";
    private static final String ROBOTS = "robots-" + RUN + "@example.org";
    private static final String WEEKLY = "weekly-" + RUN + "@example.org";
    private static final String BOUNCED = "bounced-" + RUN + "@example.org";
    private static final String NO_MATCH = "nomatch-" + RUN + "@example.org";
    private static final Map<String, String> BASE = Map.of("PUBLIC_BASE_URL", "https://paperboy.test");

    private static TestStack stack;
    private static AwsClients aws;
    private static SamLocal functions;
    private static Outbox outbox;
    private static final List<byte[]> deliveredEvents = new ArrayList<>();
    /** The EMF metrics the functions logged while the digests of @BeforeAll were planned and sent. */
    private static final Map<String, Long> firstRunMetrics = new java.util.LinkedHashMap<>();
    private static boolean firstRun = true;

    @BeforeAll
    static void sendTheDigests() throws Exception {
        stack = TestStack.provision();
        aws = stack.aws().clients();
        functions = stack.sam();
        outbox = new Outbox(stack.aws().endpoint());
        PaperRepository papers = new PaperRepository(aws.dynamoDb(), stack.name("PapersTable"), Clock.systemUTC());
        papers.saveDay(THURSDAY, List.of(paper("2508.91001", "Thursday Robots Grasp Things", 70, "robots"),
                paper("2508.91002", "Thursday Survey of Surveys", 5, "surveys")), true);
        papers.saveDay(FRIDAY, List.of(paper("2508.92001", "Friday Diffusion at Scale", 150, "diffusion"),
                paper("2508.92002", "Friday Robots That Cook", 90, "robots"),
                paper("2508.92003", "Friday Tokenizers <b>Bold</b> & Co", 40, "tokenizers"),
                paper("2508.92004", "Friday Small Robots", 8, "robots")), true);

        subscribe(TRENDING, Preferences.Frequency.DAILY, List.of(), 3);
        subscribe(ROBOTS, Preferences.Frequency.DAILY, List.of("robots"), 10);
        subscribe(WEEKLY, Preferences.Frequency.WEEKLY, List.of(), 10);
        subscribe(BOUNCED, Preferences.Frequency.DAILY, List.of(), 10);
        subscribe(NO_MATCH, Preferences.Frequency.DAILY, List.of("quantum chromodynamics"), 10);

        SamLocal.Invocation bounce = functions.invoke("MailEventsFunction", snsBounce(BOUNCED), Map.of());
        assertTrue(bounce.succeeded(), bounce.logs());
        EmfLines.addTo(firstRunMetrics, bounce.logs());

        plan("{\"frequency\":\"DAILY\",\"date\":\"2025-08-29\"}");
        // The schedule's run at Saturday 21:00 in Tokyo, the weekly subscriber's day and hour: the week up to Friday's list.
        plan("{\"at\":\"2025-08-30T12:00:00Z\"}");
        drain();
        firstRun = false;
    }

    @Test
    void theFunctionsCountWhatTheyDidInTheirMetricLines() {
        assertEquals(1, firstRunMetrics.get("Bounces"));
        assertEquals(1, firstRunMetrics.get("AddressesSuppressed"));
        assertEquals(3, firstRunMetrics.get("DigestsSent"), "trending, robots, weekly: " + firstRunMetrics);
        assertEquals(1, firstRunMetrics.get("DigestsSkipped"), "no paper matched: " + firstRunMetrics);
        assertEquals(null, firstRunMetrics.get("DigestsFailed"));
        long accounted = firstRunMetrics.get("DigestsSent") + firstRunMetrics.get("DigestsSkipped")
                + firstRunMetrics.getOrDefault("DigestsNotDue", 0L) + firstRunMetrics.getOrDefault("DigestsAlreadyDone", 0L);
        assertEquals(firstRunMetrics.get("DigestsPlanned"), accounted, "every planned subscriber has an outcome: " + firstRunMetrics);
    }

    @Test
    void eachMailboxGotExactlyItsPapersInOrder() throws Exception {
        assertEquals(List.of("Friday Diffusion at Scale", "Friday Robots That Cook", "Friday Tokenizers <b>Bold</b> & Co"), titles(only(TRENDING)));
        assertEquals(List.of("Friday Robots That Cook", "Friday Small Robots"), titles(only(ROBOTS)));
        assertEquals(List.of("Friday Diffusion at Scale", "Friday Robots That Cook", "Thursday Robots Grasp Things",
                "Friday Tokenizers <b>Bold</b> & Co", "Friday Small Robots", "Thursday Survey of Surveys"), titles(only(WEEKLY)),
                "a weekly subscriber gets the week");
    }

    @Test
    void aDigestHasBothPartsTheOneClickHeadersAndADatedSubject() throws Exception {
        Outbox.Mail mail = only(TRENDING);
        MimeMessage mime = mail.mime();

        assertTrue(mime.isMimeType("multipart/alternative"));
        assertTrue(mail.part("text/plain").contains("1. Friday Diffusion at Scale"));
        assertTrue(mail.part("text/html").contains("Friday Tokenizers &lt;b&gt;Bold&lt;/b&gt; &amp; Co"));
        String unsubscribe = mime.getHeader("List-Unsubscribe")[0];
        assertTrue(unsubscribe.startsWith("<https://paperboy.test/unsubscribe?token=u"), unsubscribe);
        assertEquals("List-Unsubscribe=One-Click", mime.getHeader("List-Unsubscribe-Post")[0]);
        assertEquals("Daily Papers, Fri 29 Aug 2025: Friday Diffusion at Scale and 2 more", mime.getSubject());
        assertTrue(mail.part("text/html").contains("https://paperboy.test/digests/2025-08-29-daily?token="), "a view in browser link");
    }

    @Test
    void theWebCopyOfADigestCarriesNoLinkThatActsForTheSubscriber() {
        var s3 = aws.s3();
        String bucket = stack.name("ArchiveBucket");
        List<String> keys = s3.listObjectsV2(r -> r.bucket(bucket).prefix("digests/2025-08-29-daily/")).contents().stream()
                .map(software.amazon.awssdk.services.s3.model.S3Object::key).toList();
        long acting = 0;
        for (String key : keys) {
            String html = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
            assertTrue(html.contains("Friday Robots That Cook"), html);
            acting += List.of("/unsubscribe", "/preferences", "token=").stream().filter(html::contains).count();
        }
        // The mail itself keeps them.
        String mailHtml = only(TRENDING).part("text/html");
        long inMail = List.of("https://paperboy.test/unsubscribe?token=", "https://paperboy.test/preferences?token=").stream()
                .filter(mailHtml::contains).count();
        boolean idInKey = keys.stream().anyMatch(k -> k.contains(SubscriberId.of(stack.keys(), EmailAddress.parse(TRENDING))));
        dev.paperboy.local.ReliabilityReport.record(new dev.paperboy.local.ReliabilityReport.Row("keys-1b-web-copy-without-acting-links",
                "The archived web copy of each sent digest (what \"view in browser\" shows) searched for links that act for the subscriber",
                "the digests of a planned and sent daily period (packaged functions, local AWS), read back from S3",
                dev.paperboy.local.ReliabilityReport.counts("webCopies", keys.size(), "actingLinksInWebCopies", acting,
                        "actingLinksInTheMail", inMail, "subscriberIdsInArchiveKeys", idInKey ? 1 : 0),
                "no web copy carries an unsubscribe or preferences link or any token; the mail keeps both; archive keys are keyed "
                        + "hashes of the id, not the id"));
        assertEquals(2, keys.size(), "trending and robots: " + keys);
        assertEquals(0, acting, "a web copy carries a link that acts for the subscriber");
        assertEquals(2, inMail);
        assertFalse(idInKey);
    }

    @Test
    void redeliveringTheSameMessagesSendsNothingMore() {
        int before = outbox.all().size();
        for (byte[] event : deliveredEvents) {
            SamLocal.Invocation again = functions.invoke("SendDigestsFunction", event, BASE);
            assertTrue(again.succeeded(), again.logs());
            assertTrue(again.json().path("batchItemFailures").isEmpty(), again.response());
        }
        assertEquals(before, outbox.all().size());
        assertEquals(1, outbox.to(TRENDING).size());
    }

    @Test
    void aSecondPlannerRunForThePeriodMailsNobodyTwice() throws Exception {
        plan("{\"frequency\":\"DAILY\",\"date\":\"2025-08-29\"}");
        drain();

        assertEquals(1, outbox.to(TRENDING).size());
        assertEquals(1, outbox.to(ROBOTS).size());
    }

    @Test
    void aBouncedAddressIsSuppressedAndGetsNothing() {
        Subscriber bounced = new SubscriberRepository(aws.dynamoDb(), stack.name("SubscribersTable"))
                .find(SubscriberId.of(stack.keys(), EmailAddress.parse(BOUNCED))).orElseThrow();
        assertEquals(Subscriber.Status.SUPPRESSED, bounced.status());
        assertEquals(List.of(), outbox.to(BOUNCED));
    }

    @Test
    void aSubscriberWithNoMatchingPaperGetsNothingAndTheDigestIsRecordedAsSkipped() {
        assertEquals(List.of(), outbox.to(NO_MATCH));
        Map<String, AttributeValue> record = aws.dynamoDb().getItem(r -> r.tableName(stack.name("SubscribersTable")).key(Map.of(
                "pk", AttributeValue.fromS("SUB#" + SubscriberId.of(stack.keys(), EmailAddress.parse(NO_MATCH))),
                "sk", AttributeValue.fromS("DIGEST#2025-08-29-daily")))).item();
        assertEquals("SKIPPED", record.get("status").s());
    }

    @Test
    void theSentRecordHoldsTheSesMessageIdAndThePapers() {
        Map<String, AttributeValue> record = aws.dynamoDb().getItem(r -> r.tableName(stack.name("SubscribersTable")).key(Map.of(
                "pk", AttributeValue.fromS("SUB#" + SubscriberId.of(stack.keys(), EmailAddress.parse(ROBOTS))),
                "sk", AttributeValue.fromS("DIGEST#2025-08-29-daily")))).item();
        assertEquals("SENT", record.get("status").s());
        assertEquals(only(ROBOTS).id(), record.get("messageId").s());
        assertEquals(List.of("2508.92002", "2508.92004"), record.get("paperIds").l().stream().map(AttributeValue::s).toList());
        assertTrue(record.containsKey("expiresAt"), "sent records expire by TTL");
    }

    private static Outbox.Mail only(String address) {
        List<Outbox.Mail> mails = outbox.to(address);
        assertEquals(1, mails.size(), address + " got " + mails.size() + " mails");
        return mails.get(0);
    }

    /** The paper titles of a digest in order, read from its plain text part. */
    private static List<String> titles(Outbox.Mail mail) {
        return mail.part("text/plain").lines().filter(l -> l.matches("\\d+\\. .*")).map(l -> l.replaceFirst("\\d+\\. ", "")).toList();
    }

    private static void plan(String event) throws Exception {
        SamLocal.Invocation plan = functions.invoke("PlanDigestsFunction", event.getBytes(StandardCharsets.UTF_8), BASE);
        assertTrue(plan.succeeded(), plan.response() + plan.logs());
        if (firstRun) {
            EmfLines.addTo(firstRunMetrics, plan.logs());
        }
        JsonNode result = Json.MAPPER.readTree(plan.response());
        assertTrue(result.path("messages").asInt() >= 1, plan.response());
    }

    private static void drain() {
        QueuePoller poller = new QueuePoller(aws.sqs(), stack.aws().queueUrl("DigestQueue"), "arn:aws:sqs:us-east-1:123456789012:queue");
        poller.drain(2, event -> {
            deliveredEvents.add(event);
            SamLocal.Invocation sent = functions.invoke("SendDigestsFunction", event, BASE);
            assertTrue(sent.succeeded(), sent.logs());
            if (firstRun) {
                EmfLines.addTo(firstRunMetrics, sent.logs());
            }
            return sent.response();
        });
    }

    /** Daily ones at the default hour; weekly ones on Saturdays at 21:00 in Tokyo. */
    private static void subscribe(String email, Preferences.Frequency frequency, List<String> keywords, int maxPapers) {
        Instant now = Instant.now();
        EmailAddress address = EmailAddress.parse(email);
        Preferences preferences = new Preferences(frequency, DayOfWeek.SATURDAY, keywords, maxPapers, 0);
        if (frequency == Preferences.Frequency.WEEKLY) {
            preferences = preferences.withHour(21, java.time.ZoneId.of("Asia/Tokyo"));
        }
        new SubscriberRepository(aws.dynamoDb(), stack.name("SubscribersTable")).create(new Subscriber(SubscriberId.of(stack.keys(), address), address,
                Subscriber.Status.CONFIRMED, preferences, now, now, Optional.of(now), 1), Optional.empty());
    }

    private static Paper paper(String id, String title, int upvotes, String keyword) {
        return new Paper(id, title, "An abstract about " + keyword + ". More.", List.of("Author One"), Optional.empty(), Optional.empty(),
                upvotes, 1, Optional.empty(), List.of(keyword), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                LocalDate.of(2025, 8, 28));
    }

    /** An SES bounce event as SNS delivers it to the function. */
    static byte[] snsBounce(String address) throws Exception {
        String message = Json.MAPPER.writeValueAsString(Map.of("eventType", "Bounce",
                "bounce", Map.of("bounceType", "Permanent", "bounceSubType", "General",
                        "bouncedRecipients", List.of(Map.of("emailAddress", address, "status", "5.1.1"))),
                "mail", Map.of("messageId", "0100018a-sample", "destination", List.of(address))));
        return Json.MAPPER.writeValueAsBytes(Map.of("Records", List.of(Map.of("EventSource", "aws:sns", "EventVersion", "1.0",
                "Sns", Map.of("Type", "Notification", "MessageId", "sample", "TopicArn", "arn:aws:sns:us-east-1:123456789012:mail-events",
                        "Message", message)))));
    }
}
