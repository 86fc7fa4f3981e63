package dev.paperboy.functions.fetch;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.fetch.FetchPapers;
import dev.paperboy.fetch.FetchSummary;
import dev.paperboy.metrics.EmfMetrics;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.source.ArchivedPages;
import dev.paperboy.source.DailyPapers;
import dev.paperboy.source.DailyPapersClient;
import dev.paperboy.source.PageSource;
import dev.paperboy.source.RetryPolicy;
import dev.paperboy.source.S3RawArchive;
import dev.paperboy.source.SourceSettings;
import dev.paperboy.source.UrlConnectionGet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * FetchPapersFunction's object graph, built once from its environment (see template.yaml): the
 * handler takes its use case from it, and its SnapStart priming warms these same objects.
 */
public final class FetchPapersWiring {
    private final Env env;
    private final AwsClients aws;
    private final Metrics metrics;
    private final ListingCalendar calendar;
    private final SourceSettings settings;
    private final PaperRepository papers;
    private final FetchPapers fetch;

    public FetchPapersWiring(Env env, AwsClients aws, Clock clock, Metrics metrics) {
        this.env = env;
        this.aws = aws;
        this.metrics = metrics;
        this.calendar = new ListingCalendar(clock);
        this.settings = new SourceSettings(URI.create(env.optional("HF_API_URL").orElse("https://huggingface.co")),
                env.integer("HF_PAGE_SIZE", 100), env.integer("HF_MAX_PAGES", 10), RetryPolicy.standard());
        String bucket = env.required("ARCHIVE_BUCKET");
        DailyPapersClient client = new DailyPapersClient(
                new UrlConnectionGet(Duration.ofMillis(env.integer("HF_TIMEOUT_MS", 10_000)), "paperboy/1.0 (+daily papers digest)"),
                new S3RawArchive(aws.s3(), bucket), settings,
                duration -> Thread.sleep(duration.toMillis()), clock, ThreadLocalRandom.current(), metrics);
        this.papers = new PaperRepository(aws.dynamoDb(), env.required("PAPERS_TABLE"), clock);
        this.fetch = new FetchPapers(new DailyPapers(client, settings), new DailyPapers(new ArchivedPages(aws.s3(), bucket), settings),
                papers, calendar, metrics);
    }

    /** The function's graph as Lambda runs it: the system environment, our clients, metrics as EMF log lines. */
    public static FetchPapersWiring fromSystem() {
        Env env = Env.system();
        return new FetchPapersWiring(env, new AwsClients(env), Clock.systemUTC(), EmfMetrics.forFunction(env, "FetchPapersFunction"));
    }

    public FetchPapers fetch() {
        return fetch;
    }

    public ListingCalendar calendar() {
        return calendar;
    }

    public Metrics metrics() {
        return metrics;
    }

    /**
     * Registers SnapStart priming (see Priming) of this graph: a one-paper page read and parsed as
     * a day is, the papers table's reads for a day before any list, and the archive bucket's
     * request path through the same S3 client; nothing is fetched or stored.
     */
    public Priming priming() {
        byte[] page = ("[{\"paper\": {\"id\": \"1970.00001\", \"title\": \"Priming\", \"summary\": \"An abstract.\", "
                + "\"authors\": [{\"name\": \"A. Author\"}], \"publishedAt\": \"1970-01-01T00:00:00.000Z\", \"upvotes\": 1}, "
                + "\"publishedAt\": \"1970-01-01T00:00:00.000Z\", \"numComments\": 0}]").getBytes(StandardCharsets.UTF_8);
        PageSource onePage = address -> new PageSource.Answer(address.page() == 0 ? page : "[]".getBytes(StandardCharsets.UTF_8), List.of());
        return Priming.register("fetch-papers", List.of(
                Priming.json("{\"date\": \"1970-01-01\"}", FetchSummary.of(List.of())),
                new Priming.Step("parser", () -> new DailyPapers(onePage, settings).day(LocalDate.EPOCH)),
                new Priming.Step("dynamodb", () -> {
                    papers.papersOf(LocalDate.EPOCH);
                    papers.paper("priming");
                }),
                Priming.s3(aws.s3(), env.required("ARCHIVE_BUCKET"))));
    }
}
