package dev.paperboy.digest;

import dev.paperboy.mail.MailEvents;
import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.json.Json;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.keys.Keys;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberRepository;
import dev.paperboy.subscriber.SubscriberUpdates;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Builds the digest use cases from a function's environment (see template.yaml). */
public final class DigestWiring {
    private DigestWiring() {
    }

    public static DigestPlanner planner(Env env, AwsClients aws, Metrics metrics) {
        return new DigestPlanner(new SubscriberRepository(aws.dynamoDb(), env.required("SUBSCRIBERS_TABLE")), aws.sqs(),
                env.required("DIGEST_QUEUE_URL"), metrics);
    }

    public static MailEvents mailEvents(Env env, AwsClients aws, Clock clock, Metrics metrics) {
        return new MailEvents(new SubscriberUpdates(new SubscriberRepository(aws.dynamoDb(), env.required("SUBSCRIBERS_TABLE")),
                aws.keys(), clock), metrics);
    }

    // SnapStart priming (see Priming): the reads and renders each function's first invocation does,
    // on keys that do not exist; a subscriber id that is not a hash and a day before any list.

    private static final String NO_SUBSCRIBER = "priming";
    private static final LocalDate NO_DAY = LocalDate.EPOCH;
    private static final String NO_ADDRESS = "priming@example.com";

    public static Priming plannerPriming(Env env, AwsClients aws) {
        SubscriberRepository subscribers = new SubscriberRepository(aws.dynamoDb(), env.required("SUBSCRIBERS_TABLE"));
        PaperRepository papers = new PaperRepository(aws.dynamoDb(), env.required("PAPERS_TABLE"), Clock.systemUTC());
        return Priming.register("plan-digests", List.of(
                Priming.json("{\"frequency\": \"DAILY\"}", Map.of("period", "1970-01-01-daily", "subscribers", 0)),
                new Priming.Step("dynamodb", () -> {
                    papers.papersListedBetween(NO_DAY, NO_DAY);
                    subscribers.forEachDue(NO_SUBSCRIBER, id -> { });
                }),
                Priming.sqs(aws.sqs(), env.required("DIGEST_QUEUE_URL")),
                new Priming.Step("digest-job", () -> Json.MAPPER.writeValueAsString(new DigestJob("1970-01-01-daily", List.of())))));
    }

    public static Priming mailEventsPriming(Env env, AwsClients aws) {
        SubscriberRepository subscribers = new SubscriberRepository(aws.dynamoDb(), env.required("SUBSCRIBERS_TABLE"));
        Keys keys = aws.keys();
        MailEvents events = new MailEvents(new SubscriberUpdates(subscribers, keys, Clock.systemUTC()), Metrics.none());
        return Priming.register("mail-events", List.of(
                // A soft bounce is read and ignored: the parsing path, and no write.
                new Priming.Step("sns-event", () -> {
                    var event = Json.MAPPER.createObjectNode();
                    event.putArray("Records").addObject().putObject("Sns").put("Message",
                            "{\"eventType\": \"Bounce\", \"bounce\": {\"bounceType\": \"Transient\"}}");
                    Json.MAPPER.writeValueAsBytes(events.handleSns(Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(event))));
                }),
                // By address, as a bounce is handled: parsing (IDN), the id's hash, the read.
                new Priming.Step("dynamodb", () -> subscribers.find(SubscriberId.of(keys, EmailAddress.parse(NO_ADDRESS))))));
    }
}
