package dev.paperboy.functions.subscriptions;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.keys.Keys;
import dev.paperboy.testkit.MutableClock;
import dev.paperboy.local.Outbox;
import dev.paperboy.local.TestStack;
import dev.paperboy.mail.SesConfirmationMailer;
import dev.paperboy.metrics.RecordingMetrics;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperCatalog;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberRepository;
import dev.paperboy.subscriber.Subscriptions;
import dev.paperboy.subscriber.Tokens;
import dev.paperboy.subscriber.ConfirmationLimitsTable;
import dev.paperboy.subscriber.ConfirmationMailer;
import dev.paperboy.web.RateLimiter;
import dev.paperboy.web.ResponseFloor;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import dev.paperboy.web.SubscriptionsApi;
import dev.paperboy.web.WebRequest;
import dev.paperboy.web.WebResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The subscriptions API on its own tables of the local AWS, with a clock the test moves and the
 * local SES's outbox to read mail from.
 */
final class ApiHarness {
    static final String BASE = "https://paperboy.test";
    static final Instant START = Instant.parse("2025-08-29T14:00:00Z");

    final TestStack stack = TestStack.provision();
    final AwsClients aws = stack.aws().clients();
    final MutableClock clock = new MutableClock(START);
    final Keys keys = stack.keys();
    final Tokens tokens = new Tokens(keys, clock);
    final PaperRepository papers = new PaperRepository(aws.dynamoDb(), stack.name("PapersTable"), clock);
    final SubscriberRepository subscribers = new SubscriberRepository(aws.dynamoDb(), stack.name("SubscribersTable"));
    final Outbox outbox = new Outbox(stack.aws().endpoint());
    /** What the API counted (ApiServerErrors, ConfirmationMailsRefused, ...). */
    final RecordingMetrics metrics = new RecordingMetrics();
    final SubscriptionsApi api;

    /**
     * How the API under test is built. {@code apiDynamoDb} wraps the DynamoDB client the API's
     * subscriptions use (to watch or interleave writes); {@code mailer} wraps the SES confirmation
     * mailer (to slow it down); waits for a confirmation slot move the test's clock.
     */
    record Options(RateLimiter postLimiter, java.util.function.Function<java.time.Clock, RateLimiter> getLimiter, UnaryOperator<DynamoDbClient> apiDynamoDb, int confirmationsPerHour,
                   int confirmationsPerSecond, Duration subscribeFloor, UnaryOperator<ConfirmationMailer> mailer) {
        static Options standard() {
            return new Options(unlimited(), clock -> unlimited(), db -> db, 100_000, 1000, Duration.ZERO, m -> m);
        }

        Options withPostLimiter(RateLimiter limiter) {
            return new Options(limiter, getLimiter, apiDynamoDb, confirmationsPerHour, confirmationsPerSecond, subscribeFloor, mailer);
        }

        /** A GET limiter on the harness's clock. */
        Options withGetLimiter(java.util.function.Function<java.time.Clock, RateLimiter> limiter) {
            return new Options(postLimiter, limiter, apiDynamoDb, confirmationsPerHour, confirmationsPerSecond, subscribeFloor, mailer);
        }

        Options withApiDynamoDb(UnaryOperator<DynamoDbClient> wrap) {
            return new Options(postLimiter, getLimiter, wrap, confirmationsPerHour, confirmationsPerSecond, subscribeFloor, mailer);
        }

        Options withConfirmationLimits(int perHour, int perSecond) {
            return new Options(postLimiter, getLimiter, apiDynamoDb, perHour, perSecond, subscribeFloor, mailer);
        }

        Options withSubscribeFloor(Duration floor, UnaryOperator<ConfirmationMailer> wrapMailer) {
            return new Options(postLimiter, getLimiter, apiDynamoDb, confirmationsPerHour, confirmationsPerSecond, floor, wrapMailer);
        }

        private static RateLimiter unlimited() {
            return new RateLimiter(100_000, Duration.ofMillis(1), java.time.Clock.systemUTC());
        }
    }

    ApiHarness(RateLimiter limiter) {
        this(Options.standard().withPostLimiter(limiter));
    }

    ApiHarness(RateLimiter limiter, UnaryOperator<DynamoDbClient> apiDynamoDb) {
        this(Options.standard().withPostLimiter(limiter).withApiDynamoDb(apiDynamoDb));
    }

    ApiHarness(Options options) {
        String sender = stack.invoker().environment("SubscriptionsApiFunction", Map.of()).get("SENDER_ADDRESS");
        DynamoDbClient apiDynamoDb = options.apiDynamoDb().apply(aws.dynamoDb());
        String table = stack.name("SubscribersTable");
        var limits = new ConfirmationLimitsTable(apiDynamoDb, table, keys,
                options.confirmationsPerHour(), options.confirmationsPerSecond(), Duration.ofSeconds(2), clock, clock::advance);
        Subscriptions subscriptions = new Subscriptions(new SubscriberRepository(apiDynamoDb, table), keys, tokens,
                options.mailer().apply(new SesConfirmationMailer(aws.ses(), sender, Optional.empty(), metrics)), limits, metrics, clock);
        PaperCatalog catalog = new PaperCatalog(papers, new ListingCalendar(clock), clock, Duration.ZERO, 28);
        api = new SubscriptionsApi(subscriptions, catalog, options.postLimiter(), options.getLimiter().apply(clock),
                ResponseFloor.of(options.subscribeFloor()), Optional.of(BASE),
                new dev.paperboy.digest.S3DigestArchive(aws.s3(), stack.name("ArchiveBucket"), keys), metrics,
                new dev.paperboy.digest.SubscriberFeed(new dev.paperboy.digest.DigestRecords(apiDynamoDb, table), papers::papers));
    }

    ApiHarness() {
        this(Options.standard());
    }

    static String newAddress() {
        return "reader-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    void storeDay(LocalDate date, List<Paper> ranked) {
        papers.saveDay(date, ranked, true);
    }

    WebResponse get(String pathAndQuery, String... headers) {
        return send("GET", pathAndQuery, new byte[0], headers);
    }

    WebResponse postForm(String pathAndQuery, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("content-type", "application/x-www-form-urlencoded"),
                java.util.Arrays.stream(headers)).toArray(String[]::new);
        return send("POST", pathAndQuery, body.getBytes(StandardCharsets.UTF_8), all);
    }

    WebResponse send(String method, String pathAndQuery, byte[] body, String... headers) {
        return sendFrom("198.51.100.7", method, pathAndQuery, body, headers);
    }

    /** A request from the given client address. */
    WebResponse sendFrom(String sourceIp, String method, String pathAndQuery, byte[] body, String... headers) {
        URI uri = URI.create(pathAndQuery);
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i].toLowerCase(java.util.Locale.ROOT), headers[i + 1]);
        }
        return api.handle(new WebRequest(method, uri.getRawPath(), dev.paperboy.web.FormCodec.decode(uri.getRawQuery()), h, body,
                sourceIp, "paperboy.test"));
    }

    /** Presses the button of a confirm link's page. */
    WebResponse confirm(String confirmLink) {
        return send("POST", confirmLink, new byte[0]);
    }

    /** A request as API Gateway hands it over (payload 2.0, body base64), through the handler's own parsing. */
    WebResponse sendEvent(String method, String rawPath, String rawQuery, byte[] body, String... headers) {
        var event = dev.paperboy.json.Json.MAPPER.createObjectNode();
        event.put("version", "2.0").put("rawPath", rawPath).put("rawQueryString", rawQuery);
        var h = event.putObject("headers");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        var context = event.putObject("requestContext");
        context.put("domainName", "paperboy.test");
        context.putObject("http").put("method", method).put("path", rawPath).put("sourceIp", "198.51.100.7");
        event.put("body", java.util.Base64.getEncoder().encodeToString(body)).put("isBase64Encoded", true);
        var response = api.handle(event);
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        response.path("headers").properties().forEach(e -> responseHeaders.put(e.getKey(), e.getValue().asText()));
        String text = response.path("body").asText("");
        byte[] bytes = response.path("isBase64Encoded").asBoolean() ? java.util.Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
        return new WebResponse(response.path("statusCode").asInt(), responseHeaders, bytes);
    }

    WebResponse subscribe(String email, String... extra) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("email", email);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            form.put(extra[i], extra[i + 1]);
        }
        return postForm("/subscribe", form);
    }

    List<Outbox.Mail> mailTo(String email) {
        return outbox.to(email);
    }

    /** The path and query of a link in the newest mail to the address. */
    String linkInLatestMail(String email, String path) {
        List<Outbox.Mail> mails = mailTo(email);
        String url = mails.get(mails.size() - 1).link(path);
        return url.substring(BASE.length());
    }

    String subscriberId(String email) {
        return SubscriberId.of(keys, EmailAddress.parse(email));
    }

    Subscriber subscriber(String email) {
        return subscribers.find(subscriberId(email)).orElseThrow();
    }

    String token(Tokens.Purpose purpose, String email) {
        return URLEncoder.encode(tokens.issue(purpose, subscriberId(email)), StandardCharsets.UTF_8);
    }
}
