package dev.paperboy.digest;

import dev.paperboy.render.DigestRenderer;
import dev.paperboy.render.SamplePaper;
import dev.paperboy.render.RenderedDigest;
import dev.paperboy.mail.DigestMailer;
import dev.paperboy.subscriber.Period;
import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.json.Json;
import dev.paperboy.mail.MimeDigest;
import dev.paperboy.mail.SesDigestMailer;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.keys.Keys;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Links;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.SubscriberRepository;
import dev.paperboy.subscriber.Tokens;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Builds the digest use cases from a function's environment (see template.yaml). */
public final class DigestWiring {
    private DigestWiring() {
    }

    public static DigestSender sender(Env env, AwsClients aws, Clock clock, Metrics metrics) {
        return sender(env, aws, clock, mailer(env, aws), metrics);
    }

    /**
     * SES counts sends in any trailing second. Sends exactly 1/rate apart, a few milliseconds early or
     * late on the wire, fit rate + 1 into one second and get throttled; at 95% of the rate, rate + 1
     * sends span 1.05 s, so up to 50 ms of jitter stays within the limit (measured: `make bench ONLY=pacing`).
     */
    public static final double SES_RATE_SHARE_USED = 0.95;

    /**
     * The SES rate is shared by fixed parts: confirmation mails may use {@code confirmations} a
     * second (the subscriptions API paces them fleet-wide), digests the rest. Reserved concurrency
     * caps the send instances, so each may use its part of the rest; confirmations then never
     * take a digest's slot, nor a digest run a confirmation's.
     */
    public static double digestRatePerInstance(int maxSendRate, int confirmations, int sendConcurrency) {
        int forDigests = maxSendRate - confirmations;
        if (forDigests < 1) {
            throw new IllegalStateException("MaxSendRatePerSecond (" + maxSendRate + ") leaves no rate for digests after the "
                    + confirmations + " a second reserved for confirmation mails (ConfirmationSendRatePerSecond)");
        }
        return SES_RATE_SHARE_USED * forDigests / Math.max(1, sendConcurrency);
    }

    /** The sender with the given mailer: tests wrap the real one to fail at a chosen point. */
    public static DigestSender sender(Env env, AwsClients aws, Clock clock, DigestMailer mailer, Metrics metrics) {
        var dynamoDb = aws.dynamoDb();
        String table = env.required("SUBSCRIBERS_TABLE");
        Keys keys = aws.keys();
        Links links = new Links(env.required("PUBLIC_BASE_URL"), new Tokens(keys, clock));
        double rate = digestRatePerInstance(env.integer("MAX_SEND_RATE_PER_SECOND", 1), env.integer("CONFIRMATION_SEND_RATE_PER_SECOND", 0),
                env.integer("SEND_CONCURRENCY", 1));
        return new DigestSender(new SubscriberRepository(dynamoDb, table),
                new PaperRepository(dynamoDb, env.required("PAPERS_TABLE"), clock),
                new DigestRecords(dynamoDb, table),
                new DigestRenderer(),
                new S3DigestArchive(aws.s3(), env.required("ARCHIVE_BUCKET"), keys),
                mailer,
                new Pacer(rate), links, env.required("SENDER_ADDRESS"), clock, metrics);
    }

    public static DigestMailer mailer(Env env, AwsClients aws) {
        return new SesDigestMailer(aws.sesSendingOnce(), env.optional("CONFIGURATION_SET"));
    }

    // SnapStart priming (see Priming): the reads and renders each function's first invocation does,
    // on keys that do not exist; a subscriber id that is not a hash and a day before any list.

    private static final String NO_SUBSCRIBER = "priming";
    private static final LocalDate NO_DAY = LocalDate.EPOCH;
    private static final String NO_ADDRESS = "priming@example.com";

    public static Priming senderPriming(Env env, AwsClients aws, Clock clock) {
        String table = env.required("SUBSCRIBERS_TABLE");
        SubscriberRepository subscribers = new SubscriberRepository(aws.dynamoDb(), table);
        PaperRepository papers = new PaperRepository(aws.dynamoDb(), env.required("PAPERS_TABLE"), clock);
        DigestRecords records = new DigestRecords(aws.dynamoDb(), table);
        Links links = new Links(env.required("PUBLIC_BASE_URL"), new Tokens(aws.keys(), clock));
        return Priming.register("send-digests", List.of(
                Priming.json("{\"Records\": [{\"messageId\": \"m\", \"body\": \"{}\"}]}",
                        Map.of("batchItemFailures", List.of(), "report", new DigestSender.Report(Map.of(DigestSender.Outcome.NOT_DUE, 1), true))),
                new Priming.Step("digest-job", () -> Json.MAPPER.readValue("{\"period\": \"1970-01-01-daily\", \"subscribers\": []}", DigestJob.class)),
                new Priming.Step("dynamodb", () -> {
                    subscribers.find(NO_SUBSCRIBER);
                    papers.papersOf(NO_DAY);
                    // The latest listed day's papers, as a digest's first read does: real items to map, when the
                    // table has any (it does by the time a version is published after the first fetch).
                    papers.latestDayWithPapers(LocalDate.now(clock)).ifPresent(day -> Ranker.prepare(papers.papersOf(day)));
                    records.sentPapers(NO_SUBSCRIBER, NO_DAY);
                    PaperRepository.throughItem(SamplePaper.withEveryField());
                    papers.papers(List.of(NO_SUBSCRIBER));
                }),
                Priming.s3(aws.s3(), env.required("ARCHIVE_BUCKET")),
                Priming.ses(aws.sesSendingOnce()), // the client the digests go out through
                new Priming.Step("render", () -> {
                    Period period = new Period(Preferences.Frequency.DAILY, NO_DAY);
                    Preferences preferences = new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of("priming"), 10, 0);
                    Ranker.rank(Ranker.prepare(List.of(SamplePaper.withEveryField())), preferences, java.util.Set.of());
                    RenderedDigest digest = new DigestRenderer().render(period, List.of(SamplePaper.withEveryField()), preferences,
                            new DigestRenderer.Links(links.preferences(NO_SUBSCRIBER), links.unsubscribe(NO_SUBSCRIBER),
                                    links.digest(period.id(), NO_SUBSCRIBER), links.home()));
                    MimeDigest.build(env.required("SENDER_ADDRESS"), EmailAddress.parse(NO_ADDRESS), digest,
                            links.unsubscribe(NO_SUBSCRIBER));
                })));
    }
}
