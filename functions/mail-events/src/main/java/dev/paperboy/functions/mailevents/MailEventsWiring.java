package dev.paperboy.functions.mailevents;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.json.Json;
import dev.paperboy.keys.Keys;
import dev.paperboy.mail.MailEvents;
import dev.paperboy.metrics.EmfMetrics;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberRepository;
import dev.paperboy.subscriber.SubscriberUpdates;
import java.time.Clock;
import java.util.List;

/**
 * MailEventsFunction's object graph, built once from its environment (see template.yaml): the
 * bounce handling the handler calls, and the SnapStart priming that warms that same graph (its
 * subscriber repository, its DynamoDB client, its keys) before the snapshot.
 */
public final class MailEventsWiring {
    /** Priming reads the subscriber of an address nobody subscribes with. */
    private static final String NO_ADDRESS = "priming@example.com";

    private final Metrics metrics;
    private final Keys keys;
    private final SubscriberRepository subscribers;
    private final SubscriberUpdates updates;
    private final MailEvents events;

    /** The function's own: its environment, its clients, its metrics. */
    static MailEventsWiring fromSystem() {
        Env env = Env.system();
        return new MailEventsWiring(env, new AwsClients(env), Clock.systemUTC(), EmfMetrics.forFunction(env, "MailEventsFunction"));
    }

    public MailEventsWiring(Env env, AwsClients aws, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.keys = aws.keys();
        this.subscribers = new SubscriberRepository(aws.dynamoDb(), env.required("SUBSCRIBERS_TABLE"));
        this.updates = new SubscriberUpdates(subscribers, keys, clock);
        this.events = new MailEvents(updates, metrics);
    }

    public MailEvents events() {
        return events;
    }

    public Metrics metrics() {
        return metrics;
    }

    /**
     * Registers the priming of this graph with SnapStart's checkpoint hook (see Priming): an event
     * parsed as a bounce is, and a subscriber read by address, on the same repository and keys;
     * nothing is written.
     */
    public Priming priming() {
        // The same updates and repository, counting nothing: a primed bounce is not a bounce seen.
        MailEvents uncounted = new MailEvents(updates, Metrics.none());
        return Priming.register("mail-events", List.of(
                // A soft bounce is read and ignored: the parsing path, and no write.
                new Priming.Step("sns-event", () -> {
                    var event = Json.MAPPER.createObjectNode();
                    event.putArray("Records").addObject().putObject("Sns").put("Message",
                            "{\"eventType\": \"Bounce\", \"bounce\": {\"bounceType\": \"Transient\"}}");
                    Json.MAPPER.writeValueAsBytes(uncounted.handleSns(Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(event))));
                }),
                // By address, as a bounce is handled: parsing (IDN), the id's hash, the read.
                new Priming.Step("dynamodb", () -> subscribers.find(SubscriberId.of(keys, EmailAddress.parse(NO_ADDRESS))))));
    }
}
