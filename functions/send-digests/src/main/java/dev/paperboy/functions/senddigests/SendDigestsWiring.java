package dev.paperboy.functions.senddigests;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.digest.DigestBatch;
import dev.paperboy.digest.DigestComposer;
import dev.paperboy.digest.DigestJob;
import dev.paperboy.digest.DigestRecords;
import dev.paperboy.digest.DigestSender;
import dev.paperboy.digest.Pacer;
import dev.paperboy.digest.PacedMailer;
import dev.paperboy.digest.PeriodPapers;
import dev.paperboy.digest.Ranker;
import dev.paperboy.digest.S3DigestArchive;
import dev.paperboy.digest.SesRateShare;
import dev.paperboy.json.Json;
import dev.paperboy.keys.Keys;
import dev.paperboy.mail.DigestMailer;
import dev.paperboy.mail.MimeDigest;
import dev.paperboy.mail.SesDigestMailer;
import dev.paperboy.metrics.EmfMetrics;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.render.DigestRenderer;
import dev.paperboy.render.RenderedDigest;
import dev.paperboy.render.SamplePaper;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Links;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.SubscriberRepository;
import dev.paperboy.subscriber.Tokens;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * SendDigestsFunction's object graph, built once from its environment (see template.yaml): the
 * sender the handler calls, and the SnapStart priming that warms that same graph (its repositories,
 * its S3 and SES clients) before the snapshot.
 */
public final class SendDigestsWiring {
    // Priming reads keys that do not exist: a subscriber id that is not a hash, a day before any list.
    private static final String NO_SUBSCRIBER = "priming";
    private static final LocalDate NO_DAY = LocalDate.EPOCH;
    private static final String NO_ADDRESS = "priming@example.com";

    private final Clock clock;
    private final Metrics metrics;
    private final SubscriberRepository subscribers;
    private final PaperRepository papers;
    private final DigestRecords records;
    private final DigestRenderer renderer;
    private final Links links;
    private final S3Client s3;
    private final String archiveBucket;
    private final SesV2Client ses;
    private final String from;
    private final DigestSender sender;
    private final DigestBatch batch;

    /** The function's own: its environment, its clients, its metrics. */
    static SendDigestsWiring fromSystem() {
        Env env = Env.system();
        return new SendDigestsWiring(env, new AwsClients(env), Clock.systemUTC(), EmfMetrics.forFunction(env, "SendDigestsFunction"),
                UnaryOperator.identity());
    }

    /**
     * The graph on the given clients; {@code around} wraps the SES mailer (tests make it fail at a
     * chosen point, the pacing bench records when each mail is handed over).
     */
    public SendDigestsWiring(Env env, AwsClients aws, Clock clock, Metrics metrics, UnaryOperator<DigestMailer> around) {
        this.clock = clock;
        this.metrics = metrics;
        String table = env.required("SUBSCRIBERS_TABLE");
        Keys keys = aws.keys();
        this.subscribers = new SubscriberRepository(aws.dynamoDb(), table);
        this.papers = new PaperRepository(aws.dynamoDb(), env.required("PAPERS_TABLE"), clock);
        this.records = new DigestRecords(aws.dynamoDb(), table);
        this.renderer = new DigestRenderer();
        this.links = new Links(env.required("PUBLIC_BASE_URL"), new Tokens(keys, clock));
        this.s3 = aws.s3();
        this.archiveBucket = env.required("ARCHIVE_BUCKET");
        this.ses = aws.sesSendingOnce();
        this.from = env.required("SENDER_ADDRESS");
        double rate = SesRateShare.digestRatePerInstance(env.integer("MAX_SEND_RATE_PER_SECOND", 1),
                env.integer("CONFIRMATION_SEND_RATE_PER_SECOND", 0), env.integer("SEND_CONCURRENCY", 1));
        DigestMailer mailer = around.apply(new SesDigestMailer(ses, env.optional("CONFIGURATION_SET")));
        this.sender = new DigestSender(subscribers::find, new PeriodPapers(papers::papersOf), records,
                new DigestComposer(renderer, new S3DigestArchive(s3, archiveBucket, keys), links, from),
                new PacedMailer(mailer, new Pacer(rate), metrics), clock, metrics);
        this.batch = new DigestBatch(sender);
    }

    public DigestSender sender() {
        return sender;
    }

    /** The handler's use case: a queue batch through {@link #sender()}. */
    public DigestBatch batch() {
        return batch;
    }

    public Metrics metrics() {
        return metrics;
    }

    /**
     * Registers the priming of this graph with SnapStart's checkpoint hook (see Priming): the reads and
     * renders a first invocation does, on the same repositories and clients, writing nothing.
     */
    public Priming priming() {
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
                Priming.s3(s3, archiveBucket),
                Priming.ses(ses), // the client the digests go out through
                new Priming.Step("render", () -> {
                    Period period = new Period(Preferences.Frequency.DAILY, NO_DAY);
                    Preferences preferences = new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of("priming"), 10, 0);
                    Ranker.rank(Ranker.prepare(List.of(SamplePaper.withEveryField())), preferences, Set.of());
                    RenderedDigest digest = renderer.render(period, List.of(SamplePaper.withEveryField()), preferences,
                            new DigestRenderer.Links(links.preferences(NO_SUBSCRIBER), links.unsubscribe(NO_SUBSCRIBER),
                                    links.digest(period.id(), NO_SUBSCRIBER), links.home()));
                    MimeDigest.build(from, EmailAddress.parse(NO_ADDRESS), digest,
                            links.unsubscribe(NO_SUBSCRIBER));
                })));
    }
}
