package dev.paperboy.functions.senddigests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.digest.DigestJob;
import dev.paperboy.mail.DigestMailer;
import dev.paperboy.digest.DigestPlanner;
import dev.paperboy.functions.plandigests.PlanDigestsWiring;
import dev.paperboy.subscriber.Period;
import dev.paperboy.json.Json;
import dev.paperboy.keys.Keys;
import dev.paperboy.local.FaultProxy;
import dev.paperboy.local.LambdaRunner;
import dev.paperboy.local.Outbox;
import dev.paperboy.local.QueuePoller;
import dev.paperboy.local.TestStack;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberRepository;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One fault scenario's world on the local AWS: a stack shared by the scenarios, a day of papers,
 * confirmed weekly subscribers of the scenario's own weekday (so that a planner run finds them only), and the send function's handler run in this JVM with the function's own environment,
 * its AWS calls going through a {@link FaultProxy}. The queue is drained as Lambda's SQS poller
 * does it, with the messages a batch reports failed made visible again at once (their visibility
 * timeout cut short) so that the queue's redrive policy counts their receives as in AWS.
 */
final class DigestStage implements AutoCloseable {
    /** The day the papers are listed: in the week of every stage's period. */
    static final LocalDate PAPERS_DAY = LocalDate.of(2025, 9, 1);
    /** The template's BatchSize for the send function's SQS event source. */
    private static final int BATCH_SIZE = 2;
    private static final int FUNCTION_TIMEOUT_MILLIS = 120_000;

    /** One stack for all stages: provisioning is the slow part. Stages keep apart by weekday and addresses. */
    private static TestStack shared;

    final TestStack stack;
    /** The stage's own weekly period: its subscribers are the only ones due on its day. */
    final Period period;
    final AwsClients aws;
    final SqsClient sqs;
    final DynamoDbClient dynamoDb;
    final FaultProxy proxy;
    final Outbox outbox;
    final List<String> emails = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** What a drain saw: batches handed to the function, invocations that died, messages redelivered. */
    record Delivery(int batches, int crashed, int redelivered) {
    }

    private DigestStage(DayOfWeek day, long seed) {
        this.stack = sharedStack();
        this.period = new Period(Preferences.Frequency.WEEKLY, PAPERS_DAY.with(java.time.temporal.TemporalAdjusters.nextOrSame(day)));
        this.aws = stack.aws().clients();
        this.sqs = aws.sqs();
        this.dynamoDb = aws.dynamoDb();
        this.proxy = FaultProxy.start(stack.aws().endpoint(), seed);
        this.outbox = new Outbox(stack.aws().endpoint());
    }

    private static synchronized TestStack sharedStack() {
        if (shared == null) {
            shared = TestStack.provision();
            AwsClients clients = shared.aws().clients();
            new PaperRepository(clients.dynamoDb(), shared.name("PapersTable"), Clock.systemUTC()).saveDay(PAPERS_DAY, List.of(
                    paper("2509.00001", "Diffusion at Scale", 150), paper("2509.00002", "Robots That Cook", 90),
                    paper("2509.00003", "Tokenizers Revisited", 40), paper("2509.00004", "Small Models", 8)), true);
        }
        return shared;
    }

    /** A stage with {@code subscribers} confirmed weekly subscribers of {@code day}, each due one digest of its period. */
    static DigestStage start(DayOfWeek day, int subscribers, long seed) {
        DigestStage stage = new DigestStage(day, seed);
        SubscriberRepository repository = stage.subscribers();
        Instant now = Instant.now();
        for (int i = 0; i < subscribers; i++) {
            EmailAddress address = EmailAddress.parse("s" + i + "-" + stage.run + "@example.org");
            repository.create(new Subscriber(SubscriberId.of(stage.stack.keys(), address), address, Subscriber.Status.CONFIRMED,
                    new Preferences(Preferences.Frequency.WEEKLY, day, List.of(), 3, 0), now, now, Optional.of(now), 1),
                    Optional.empty());
            stage.emails.add(address.value());
        }
        return stage;
    }

    SubscriberRepository subscribers() {
        return new SubscriberRepository(dynamoDb, stack.name("SubscribersTable"));
    }

    String id(String email) {
        return SubscriberId.of(keys(), EmailAddress.parse(email));
    }

    List<String> ids() {
        return emails.stream().map(this::id).toList();
    }

    private Keys keys;

    private synchronized Keys keys() {
        if (keys == null) {
            keys = stack.keys();
        }
        return keys;
    }

    /** The send function's environment from the template, its AWS endpoint the fault proxy, no pacing to speak of. */
    Env senderEnv() {
        return new Env(stack.invoker().environment("SendDigestsFunction", Map.of(
                "AWS_ENDPOINT_URL", proxy.endpoint().toString(),
                "PUBLIC_BASE_URL", "https://paperboy.test",
                "MAX_SEND_RATE_PER_SECOND", "1000")));
    }

    /** A fresh send function instance (a new Lambda container), with its mailer wrapped as given. */
    SendDigestsHandler handler(UnaryOperator<DigestMailer> around) {
        Env env = senderEnv();
        return new SendDigestsHandler(new SendDigestsWiring(env, new AwsClients(env), Clock.systemUTC(), Metrics.none(), around));
    }

    SendDigestsHandler handler() {
        return handler(UnaryOperator.identity());
    }

    /** The planner as PlanDigestsFunction runs it, through the proxy too. */
    DigestPlanner.Plan plan() {
        Env env = new Env(stack.invoker().environment("PlanDigestsFunction", Map.of("AWS_ENDPOINT_URL", proxy.endpoint().toString())));
        return new PlanDigestsWiring(env, new AwsClients(env), Clock.systemUTC(), Metrics.none()).planner().plan(period);
    }

    /** Enqueues one message per job, as the planner would have packed them. */
    void enqueue(List<List<String>> jobs) {
        enqueue(period, jobs);
    }

    /** Enqueues one message per job of another period than the stage's own. */
    void enqueue(Period of, List<List<String>> jobs) {
        for (List<String> ids : jobs) {
            String body = Json.MAPPER.valueToTree(new DigestJob(of, ids)).toString();
            sqs.sendMessage(r -> r.queueUrl(queueUrl()).messageBody(body));
        }
    }

    String queueUrl() {
        return stack.aws().queueUrl("DigestQueue");
    }

    /**
     * Hands the queue's messages to the handler in batches until none is visible: deletes the ones it
     * did not report failed; a failed one (or all of them, when the invocation dies) is visible again
     * at once. {@code nextHandler} is asked for the handler of each batch, so a test can swap a dying
     * instance for a fresh one, as Lambda replaces a crashed container.
     */
    Delivery drain(java.util.function.Supplier<SendDigestsHandler> nextHandler, int maxBatches) {
        QueuePoller poller = new QueuePoller(sqs, queueUrl(), "arn:aws:sqs:us-east-1:123456789012:" + stack.name("DigestQueue"));
        int batches = 0;
        int crashed = 0;
        int redelivered = 0;
        while (batches < maxBatches) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl()).maxNumberOfMessages(BATCH_SIZE)
                    .visibilityTimeout(60).messageSystemAttributeNamesWithStrings("All")).messages();
            if (batch.isEmpty()) {
                break;
            }
            batches++;
            Set<String> failed = new HashSet<>();
            try {
                failed.addAll(failures(invoke(nextHandler.get(), poller.event(batch))));
            } catch (Exception | Error died) {
                // A function error: Lambda returns the whole batch to the queue.
                crashed++;
                batch.forEach(m -> failed.add(m.messageId()));
            }
            for (Message message : batch) {
                if (failed.contains(message.messageId())) {
                    redelivered++;
                    sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl()).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                } else {
                    sqs.deleteMessage(r -> r.queueUrl(queueUrl()).receiptHandle(message.receiptHandle()));
                }
            }
        }
        return new Delivery(batches, crashed, redelivered);
    }

    static String invoke(SendDigestsHandler handler, byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, LambdaRunner.context("SendDigestsFunction", System.currentTimeMillis() + FUNCTION_TIMEOUT_MILLIS));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Set<String> failures(String response) throws Exception {
        Set<String> ids = new HashSet<>();
        JsonNode json = Json.MAPPER.readTree(response);
        json.path("batchItemFailures").forEach(f -> ids.add(f.path("itemIdentifier").asText()));
        return ids;
    }

    /** The messages moved to the dead-letter queue by the redrive policy. */
    List<DigestJob> deadLetters() throws Exception {
        String url = stack.aws().queueUrl("DigestDeadLetterQueue");
        List<DigestJob> jobs = new ArrayList<>();
        for (Message m : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(60)).messages()) {
            jobs.add(Json.MAPPER.readValue(m.body(), DigestJob.class));
        }
        return jobs;
    }

    int messagesLeft() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** How many digests each of this stage's subscribers got, read from the local SES's sent mail. */
    Map<String, Integer> mailsPerRecipient() {
        Map<String, Integer> counts = new HashMap<>();
        emails.forEach(e -> counts.put(e, 0));
        for (Outbox.Mail mail : outbox.all()) {
            for (String to : mail.to()) {
                counts.computeIfPresent(to.toLowerCase(Locale.ROOT), (k, n) -> n + 1);
            }
        }
        return counts;
    }

    /** The status of a subscriber's digest record for the period, or "NONE". */
    String recordStatus(String email) {
        Map<String, AttributeValue> item = record(email, period);
        return item.isEmpty() ? "NONE" : item.get("status").s();
    }

    /** A subscriber's digest record for a period as stored (empty if none). */
    Map<String, AttributeValue> record(String email, Period of) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(stack.name("SubscribersTable")).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("SUB#" + id(email)), "sk", AttributeValue.fromS("DIGEST#" + of.id())))).item();
        return item == null ? Map.of() : item;
    }

    /** Tallies of a stage's mailboxes against the subscribers due. */
    record Tally(int due, int mailed, int duplicates, int lost) {
        static Tally of(Map<String, Integer> perRecipient, Set<String> due) {
            int mailed = 0;
            int duplicates = 0;
            int lost = 0;
            for (String email : due) {
                int n = perRecipient.getOrDefault(email, 0);
                mailed += n > 0 ? 1 : 0;
                duplicates += Math.max(0, n - 1);
                lost += n == 0 ? 1 : 0;
            }
            return new Tally(due.size(), mailed, duplicates, lost);
        }
    }

    Tally tally() {
        return Tally.of(mailsPerRecipient(), new HashSet<>(emails));
    }

    @Override
    public void close() {
        proxy.close();
        sqs.close();
        dynamoDb.close();
    }

    private static Paper paper(String id, String title, int upvotes) {
        return new Paper(id, title, "An abstract. More.", List.of("Author One"), Optional.empty(), Optional.empty(),
                upvotes, 1, Optional.empty(), List.of("ml"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), PAPERS_DAY);
    }
}
