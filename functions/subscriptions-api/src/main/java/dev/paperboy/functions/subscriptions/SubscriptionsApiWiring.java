package dev.paperboy.functions.subscriptions;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.digest.DigestRecords;
import dev.paperboy.digest.S3DigestArchive;
import dev.paperboy.digest.SubscriberFeed;
import dev.paperboy.json.Json;
import dev.paperboy.keys.Keys;
import dev.paperboy.mail.SesConfirmationMailer;
import dev.paperboy.metrics.EmfMetrics;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.PaperCatalog;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.render.Pages;
import dev.paperboy.render.PaperView;
import dev.paperboy.render.PreviewView;
import dev.paperboy.render.SamplePaper;
import dev.paperboy.subscriber.ConfirmationLimitsTable;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberRepository;
import dev.paperboy.subscriber.Subscriptions;
import dev.paperboy.subscriber.Tokens;
import dev.paperboy.web.ApiGatewayHttp;
import dev.paperboy.web.RateLimiter;
import dev.paperboy.web.ResponseFloor;
import dev.paperboy.web.SubscriptionsApi;
import dev.paperboy.web.WebResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * SubscriptionsApiFunction's object graph, built once from its environment (see template.yaml):
 * the API the handler calls, and the SnapStart priming that warms those same repositories and
 * clients.
 */
public final class SubscriptionsApiWiring {
    /**
     * The least time a subscribe answer takes. Above what a subscribe that mails takes when warm
     * (a read, two to four conditional writes, one SES call: about 100-250 ms from Lambda), so
     * that a mail sent and a mail not sent answer alike; a person submitting a form does not
     * notice half a second.
     */
    public static final Duration SUBSCRIBE_ANSWER_FLOOR = Duration.ofMillis(500);
    /** How long a subscribe waits for a slot of the confirmations' SES share before its mail is capped. */
    public static final Duration CONFIRMATION_RATE_WAIT = Duration.ofSeconds(2);
    /** What GET / shows is kept this long per container: a new list shows within a minute. */
    public static final Duration PAGE_CACHE = Duration.ofSeconds(60);

    private final Env env;
    private final Metrics metrics;
    private final S3Client s3;
    private final SesV2Client ses;
    private final Keys keys;
    private final PaperRepository papers;
    private final SubscriberRepository subscribers;
    private final DigestRecords digestRecords;
    private final SubscriptionsApi api;

    /** {@code metrics} is flushed by the handler after each request. */
    public SubscriptionsApiWiring(Env env, AwsClients aws, Clock clock, Metrics metrics) {
        this.env = env;
        this.metrics = metrics;
        this.s3 = aws.s3();
        this.ses = aws.ses();
        this.keys = aws.keys();
        DynamoDbClient dynamoDb = aws.dynamoDb();
        this.papers = new PaperRepository(dynamoDb, env.required("PAPERS_TABLE"), clock);
        this.subscribers = new SubscriberRepository(dynamoDb, env.required("SUBSCRIBERS_TABLE"));
        var mailer = new SesConfirmationMailer(ses, env.required("SENDER_ADDRESS"), env.optional("CONFIGURATION_SET"), metrics);
        Subscriptions subscriptions = new Subscriptions(subscribers, keys, new Tokens(keys, clock), mailer,
                confirmationLimits(env, dynamoDb, keys, clock), metrics, clock);
        PaperCatalog catalog = new PaperCatalog(papers, new ListingCalendar(clock), clock, Duration.ofMinutes(5), 28, PAGE_CACHE);
        // SUBSCRIBE_ANSWER_FLOOR_MS is not in the template: a local load test turns the floor off to measure the handler itself.
        Duration floor = Duration.ofMillis(env.integer("SUBSCRIBE_ANSWER_FLOOR_MS", (int) SUBSCRIBE_ANSWER_FLOOR.toMillis()));
        this.digestRecords = new DigestRecords(dynamoDb, env.required("SUBSCRIBERS_TABLE"));
        this.api = new SubscriptionsApi(subscriptions, catalog, postLimiter(clock), getLimiter(clock), ResponseFloor.of(floor),
                env.optional("PUBLIC_BASE_URL"), new S3DigestArchive(s3, env.required("ARCHIVE_BUCKET"), keys), metrics,
                new SubscriberFeed(digestRecords, papers::papers));
    }

    /** The function's graph in Lambda: the process's environment, our SDK clients, EMF metrics. */
    public static SubscriptionsApiWiring fromSystem() {
        Env env = Env.system();
        return new SubscriptionsApiWiring(env, new AwsClients(env), Clock.systemUTC(), EmfMetrics.forFunction(env, "SubscriptionsApiFunction"));
    }

    public SubscriptionsApi api() {
        return api;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** Per client address and container: 20 posts, then one every 3 s. */
    public static RateLimiter postLimiter(Clock clock) {
        return new RateLimiter(20, Duration.ofSeconds(3), clock);
    }

    /**
     * Per client address and container: 120 page, feed and JSON reads, then two a second. A
     * person reading pages, or a feed reader, stays far below; many people behind one NAT share
     * it, hence generous. Valid unsubscribe links are never limited.
     */
    public static RateLimiter getLimiter(Clock clock) {
        return new RateLimiter(120, Duration.ofMillis(500), clock);
    }

    /**
     * The limits on confirmation mails, in SubscribersTable: per mailbox, {@code
     * CONFIRMATION_MAILS_PER_HOUR} for the fleet, and at most {@code
     * CONFIRMATION_SEND_RATE_PER_SECOND} a second, the share of the SES rate the digest senders
     * leave to confirmations (see SesRateShare).
     */
    private static ConfirmationLimitsTable confirmationLimits(Env env, DynamoDbClient dynamoDb, Keys keys, Clock clock) {
        // The mailbox hash is keyed with the secret's own subkey for mailboxes (HashPurpose.MAILBOX).
        return new ConfirmationLimitsTable(dynamoDb, env.required("SUBSCRIBERS_TABLE"), keys,
                env.integer("CONFIRMATION_MAILS_PER_HOUR", 200), env.integer("CONFIRMATION_SEND_RATE_PER_SECOND", 1),
                CONFIRMATION_RATE_WAIT, clock, duration -> Thread.sleep(duration));
    }

    /**
     * SnapStart priming (see Priming), registered with the checkpoint: reads of the page and the
     * subscribe path on keys that do not exist, through the API's own repositories and clients;
     * the request and response mapping; the pages rendered with a made-up paper. The API itself is
     * not called: its caches and rate limiters stay empty.
     */
    public Priming priming() {
        String event = "{\"version\": \"2.0\", \"rawPath\": \"/\", \"rawQueryString\": \"\", \"headers\": {\"accept\": \"text/html\"}, "
                + "\"requestContext\": {\"http\": {\"method\": \"GET\", \"path\": \"/\", \"sourceIp\": \"192.0.2.1\"}}, \"isBase64Encoded\": false}";
        return Priming.register("subscriptions-api", List.of(
                new Priming.Step("http-mapping", () -> {
                    ApiGatewayHttp.request(Json.MAPPER.readTree(event));
                    Json.MAPPER.writeValueAsBytes(ApiGatewayHttp.response(WebResponse.html(200, "<p>priming</p>")));
                }),
                new Priming.Step("dynamodb", () -> {
                    papers.latestDayWithPapers(LocalDate.EPOCH);
                    papers.papersOf(LocalDate.EPOCH);
                    PaperRepository.throughItem(SamplePaper.withEveryField());
                    papers.papers(List.of("priming"));
                    papers.paper("priming");
                    String absent = SubscriberId.of(keys, EmailAddress.parse("priming@example.com"));
                    subscribers.find(absent);
                    subscribers.isSuppressed(absent);
                    digestRecords.delivered(absent, 1);
                }),
                Priming.s3(s3, env.required("ARCHIVE_BUCKET")),
                Priming.ses(ses),
                new Priming.Step("render", () -> {
                    List<PaperView> views = PaperView.ranked(List.of(SamplePaper.withEveryField()));
                    Pages.index(new Pages.Index("1970-01-01", "", "", views, "", views, true, "", "", "", ""));
                    Pages.message(new Pages.Message("Priming", "Priming", "Priming", "Home", "/"));
                    Pages.preview(PreviewView.of(List.of(), List.of(SamplePaper.withEveryField()), 1, Optional.empty(), List.of()));
                })));
    }
}
