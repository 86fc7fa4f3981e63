package dev.paperboy.web;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.digest.DigestWiring;
import dev.paperboy.json.Json;
import dev.paperboy.digest.S3DigestArchive;
import dev.paperboy.mail.SesConfirmationMailer;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.PaperCatalog;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.SubscriberRepository;
import dev.paperboy.subscriber.Subscriptions;
import dev.paperboy.subscriber.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** Builds the subscriptions API from a function's environment (see template.yaml). */
public final class SubscriptionsApiWiring {
    private SubscriptionsApiWiring() {
    }

    /** {@code metrics} is flushed by the handler after each request. */
    public static SubscriptionsApi fromEnvironment(Env env, AwsClients aws, Clock clock, Metrics metrics) {
        var dynamoDb = aws.dynamoDb();
        Tokens tokens = new Tokens(env.required("TOKEN_KEY"), clock);
        var publicBaseUrl = env.optional("PUBLIC_BASE_URL");
        var mailer = new SesConfirmationMailer(aws.ses(), env.required("SENDER_ADDRESS"), env.optional("CONFIGURATION_SET"), metrics);
        Subscriptions subscriptions = new Subscriptions(new SubscriberRepository(dynamoDb, env.required("SUBSCRIBERS_TABLE")),
                tokens, mailer, clock);
        PaperCatalog catalog = new PaperCatalog(new PaperRepository(dynamoDb, env.required("PAPERS_TABLE"), clock),
                new ListingCalendar(clock), clock, Duration.ofMinutes(5), 28);
        return new SubscriptionsApi(subscriptions, catalog, new RateLimiter(20, Duration.ofSeconds(3), clock), publicBaseUrl,
                new S3DigestArchive(aws.s3(), env.required("ARCHIVE_BUCKET")), metrics);
    }

    /**
     * SnapStart priming (see Priming): the reads of the page and the subscribe path on keys that do
     * not exist, the request and response mapping, and the pages rendered with a made-up paper.
     * The API itself is not called: its cache and rate limiter stay empty.
     */
    public static Priming priming(Env env, AwsClients aws, Clock clock) {
        PaperRepository papers = new PaperRepository(aws.dynamoDb(), env.required("PAPERS_TABLE"), clock);
        SubscriberRepository subscribers = new SubscriberRepository(aws.dynamoDb(), env.required("SUBSCRIBERS_TABLE"));
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
                    PaperRepository.throughItem(DigestWiring.samplePaper());
                    papers.papers(List.of("priming"));
                    papers.paper("priming");
                    subscribers.findByEmail(EmailAddress.parse("priming@example.com"));
                }),
                Priming.s3(aws.s3(), env.required("ARCHIVE_BUCKET")),
                Priming.ses(aws.ses()),
                new Priming.Step("render", () -> {
                    List<PaperView> views = PaperView.ranked(List.of(DigestWiring.samplePaper()));
                    Pages.index(new Pages.Index("1970-01-01", "", "", views, "", views, true, "", "", "", ""));
                    Pages.message(new Pages.Message("Priming", "Priming", "Priming", "Home", "/"));
                })));
    }
}
