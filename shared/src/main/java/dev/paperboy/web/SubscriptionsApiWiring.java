package dev.paperboy.web;

import dev.paperboy.render.PaperView;
import dev.paperboy.render.SamplePaper;
import dev.paperboy.render.Pages;
import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.json.Json;
import dev.paperboy.digest.S3DigestArchive;
import dev.paperboy.mail.SesConfirmationMailer;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.PaperCatalog;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.keys.Keys;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberRepository;
import dev.paperboy.subscriber.Subscriptions;
import dev.paperboy.subscriber.Tokens;
import dev.paperboy.subscriber.ConfirmationLimitsTable;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** Builds the subscriptions API from a function's environment (see template.yaml). */
public final class SubscriptionsApiWiring {
    private SubscriptionsApiWiring() {
    }

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

    /** {@code metrics} is flushed by the handler after each request. */
    public static SubscriptionsApi fromEnvironment(Env env, AwsClients aws, Clock clock, Metrics metrics) {
        var dynamoDb = aws.dynamoDb();
        Keys keys = aws.keys();
        Tokens tokens = new Tokens(keys, clock);
        var publicBaseUrl = env.optional("PUBLIC_BASE_URL");
        var mailer = new SesConfirmationMailer(aws.ses(), env.required("SENDER_ADDRESS"), env.optional("CONFIGURATION_SET"), metrics);
        String subscribersTable = env.required("SUBSCRIBERS_TABLE");
        Subscriptions subscriptions = new Subscriptions(new SubscriberRepository(dynamoDb, subscribersTable), keys, tokens, mailer,
                confirmationLimits(env, aws, clock), metrics, clock);
        PaperCatalog catalog = new PaperCatalog(new PaperRepository(dynamoDb, env.required("PAPERS_TABLE"), clock),
                new ListingCalendar(clock), clock, Duration.ofMinutes(5), 28, PAGE_CACHE);
        // SUBSCRIBE_ANSWER_FLOOR_MS is not in the template: a local load test turns the floor off to measure the handler itself.
        Duration floor = Duration.ofMillis(env.integer("SUBSCRIBE_ANSWER_FLOOR_MS", (int) SUBSCRIBE_ANSWER_FLOOR.toMillis()));
        return new SubscriptionsApi(subscriptions, catalog, postLimiter(clock), getLimiter(clock), ResponseFloor.of(floor),
                publicBaseUrl, new S3DigestArchive(aws.s3(), env.required("ARCHIVE_BUCKET"), keys), metrics);
    }

    /**
     * The limits on confirmation mails, in SubscribersTable: per mailbox, {@code
     * CONFIRMATION_MAILS_PER_HOUR} for the fleet, and at most {@code
     * CONFIRMATION_SEND_RATE_PER_SECOND} a second, the share of the SES rate the digest senders
     * leave to confirmations (see DigestWiring).
     */
    public static ConfirmationLimitsTable confirmationLimits(Env env, AwsClients aws, Clock clock) {
        // The mailbox hash is keyed with the secret's own subkey for mailboxes (HashPurpose.MAILBOX).
        return new ConfirmationLimitsTable(aws.dynamoDb(), env.required("SUBSCRIBERS_TABLE"), aws.keys(),
                env.integer("CONFIRMATION_MAILS_PER_HOUR", 200), env.integer("CONFIRMATION_SEND_RATE_PER_SECOND", 1),
                CONFIRMATION_RATE_WAIT, clock, duration -> Thread.sleep(duration));
    }

    /**
     * SnapStart priming (see Priming): the reads of the page and the subscribe path on keys that do
     * not exist, the request and response mapping, and the pages rendered with a made-up paper.
     * The API itself is not called: its cache and rate limiter stay empty.
     */
    public static Priming priming(Env env, AwsClients aws, Clock clock) {
        PaperRepository papers = new PaperRepository(aws.dynamoDb(), env.required("PAPERS_TABLE"), clock);
        SubscriberRepository subscribers = new SubscriberRepository(aws.dynamoDb(), env.required("SUBSCRIBERS_TABLE"));
        Keys keys = aws.keys();
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
                    subscribers.find(SubscriberId.of(keys, EmailAddress.parse("priming@example.com")));
                    subscribers.isSuppressed(SubscriberId.of(keys, EmailAddress.parse("priming@example.com")));
                }),
                Priming.s3(aws.s3(), env.required("ARCHIVE_BUCKET")),
                Priming.ses(aws.ses()),
                new Priming.Step("render", () -> {
                    List<PaperView> views = PaperView.ranked(List.of(SamplePaper.withEveryField()));
                    Pages.index(new Pages.Index("1970-01-01", "", "", views, "", views, true, "", "", "", ""));
                    Pages.message(new Pages.Message("Priming", "Priming", "Priming", "Home", "/"));
                })));
    }
}
