package dev.paperboy.fetch;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.paper.SaveResult;
import dev.paperboy.source.ArchivedResponses;
import dev.paperboy.source.DailyPapersClient;
import dev.paperboy.source.DailyPapersParser;
import dev.paperboy.source.RawArchive;
import dev.paperboy.source.RetryPolicy;
import dev.paperboy.source.S3RawArchive;
import dev.paperboy.source.SourceException;
import dev.paperboy.source.UrlConnectionGet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The fetch use case: each asked-for day from the source into the papers table, raw bodies
 * archived first; or, for a replay, each day read back from that archive instead of the source.
 */
public final class FetchPapers {
    private final DailyPapersClient source;
    private final DailyPapersClient replay;
    private final RawArchive archive;
    private final PaperRepository papers;
    private final ListingCalendar calendar;
    private final Metrics metrics;

    /** {@code replay} reads the archive ({@link ArchivedResponses}); {@code source} asks Hugging Face. */
    public FetchPapers(DailyPapersClient source, DailyPapersClient replay, RawArchive archive, PaperRepository papers,
                       ListingCalendar calendar, Metrics metrics) {
        this.source = source;
        this.replay = replay;
        this.archive = archive;
        this.papers = papers;
        this.calendar = calendar;
        this.metrics = metrics;
    }

    /** Wires the use case from a function's environment (see template.yaml). */
    public static FetchPapers fromEnvironment(Env env, AwsClients aws, Clock clock, Metrics metrics) {
        String bucket = env.required("ARCHIVE_BUCKET");
        URI api = URI.create(env.optional("HF_API_URL").orElse("https://huggingface.co"));
        DailyPapersClient source = new DailyPapersClient(
                new UrlConnectionGet(Duration.ofMillis(env.integer("HF_TIMEOUT_MS", 10_000)), "paperboy/1.0 (+daily papers digest)"),
                api,
                env.integer("HF_PAGE_SIZE", 100),
                env.integer("HF_MAX_PAGES", 10),
                RetryPolicy.standard(),
                duration -> Thread.sleep(duration.toMillis()),
                clock,
                ThreadLocalRandom.current(),
                metrics);
        // The archive answers at once or not at all: nothing to wait for, and no rate limit to count.
        DailyPapersClient replay = new DailyPapersClient(new ArchivedResponses(aws.s3(), bucket), api,
                env.integer("HF_PAGE_SIZE", 100), env.integer("HF_MAX_PAGES", 10), RetryPolicy.standard(),
                duration -> { }, clock, ThreadLocalRandom.current(), Metrics.none());
        return new FetchPapers(source, replay,
                new S3RawArchive(aws.s3(), bucket),
                new PaperRepository(aws.dynamoDb(), env.required("PAPERS_TABLE"), clock),
                new ListingCalendar(clock),
                metrics);
    }

    /**
     * SnapStart priming (see Priming): parsing a one-paper page, the papers table's reads for a day
     * before any list, and the archive bucket's request path; nothing is fetched or stored.
     */
    public static Priming priming(Env env, AwsClients aws, Clock clock) {
        PaperRepository papers = new PaperRepository(aws.dynamoDb(), env.required("PAPERS_TABLE"), clock);
        String page = "[{\"paper\": {\"id\": \"1970.00001\", \"title\": \"Priming\", \"summary\": \"An abstract.\", "
                + "\"authors\": [{\"name\": \"A. Author\"}], \"publishedAt\": \"1970-01-01T00:00:00.000Z\", \"upvotes\": 1}, "
                + "\"publishedAt\": \"1970-01-01T00:00:00.000Z\", \"numComments\": 0}]";
        return Priming.register("fetch-papers", List.of(
                Priming.json("{\"date\": \"1970-01-01\"}", FetchSummary.of(List.of())),
                new Priming.Step("parser", () -> new DailyPapersParser().parse(LocalDate.EPOCH, page.getBytes(StandardCharsets.UTF_8))),
                new Priming.Step("dynamodb", () -> {
                    papers.papersOf(LocalDate.EPOCH);
                    papers.paper("priming");
                }),
                Priming.s3(aws.s3(), env.required("ARCHIVE_BUCKET"))));
    }

    /** Tries every day, then reports; a failed day does not stop the ones after it. */
    public FetchSummary run(FetchRequest request) {
        List<DayReport> reports = new ArrayList<>();
        for (LocalDate date : request.dates()) {
            reports.add(request.fromArchive() ? replayDay(date) : fetchDay(date));
        }
        return FetchSummary.of(reports);
    }

    private DayReport fetchDay(LocalDate date) {
        List<String> keys = new ArrayList<>();
        RawArchive recording = (key, body) -> {
            keys.add(archive.store(key, body));
            return key;
        };
        try {
            DailyPapersClient.Day day = source.fetchDay(date, recording);
            SaveResult saved = papers.saveDay(date, day.papers(), !day.pageCapReached());
            count(date, day, saved);
            return new DayReport(date.toString(), day.pages(), day.papers().size(), saved.written(), saved.unchanged(),
                    saved.removed(), day.skipped(), day.problems(), keys, day.pageCapReached(), "");
        } catch (SourceException e) {
            metrics.count("FetchDaysFailed");
            return failed(date, keys, e.getMessage());
        } catch (SdkException e) {
            metrics.count("FetchDaysFailed");
            return failed(date, keys, date + ": storing failed: " + e.getMessage());
        }
    }

    /**
     * A day as the archive has it, stored again (after a parser fix, or into a restored table).
     * Nothing is archived and the fetch metrics are left alone: a replay is not news from the source.
     */
    private DayReport replayDay(LocalDate date) {
        try {
            DailyPapersClient.Day day = replay.fetchDay(date, (key, body) -> key);
            SaveResult saved = papers.saveDay(date, day.papers(), !day.pageCapReached());
            metrics.count("DaysReplayed");
            return new DayReport(date.toString(), day.pages(), day.papers().size(), saved.written(), saved.unchanged(),
                    saved.removed(), day.skipped(), day.problems(), List.of(), day.pageCapReached(), "");
        } catch (SourceException e) {
            return failed(date, List.of(), e.getMessage());
        } catch (SdkException e) {
            return failed(date, List.of(), date + ": replay from the archive failed: " + e.getMessage());
        }
    }

    /**
     * What the dashboard shows. A weekday whose list is over (no longer the latest) with no paper
     * is what the EmptyWeekdayListing alarm looks for: the source changed or stopped listing.
     */
    private void count(LocalDate date, DailyPapersClient.Day day, SaveResult saved) {
        metrics.count("PapersFetched", day.papers().size());
        metrics.count("PapersWritten", saved.written());
        metrics.count("PapersSkipped", day.skipped());
        boolean weekday = date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
        if (weekday && day.papers().isEmpty() && date.isBefore(calendar.latest())) {
            metrics.count("EmptyWeekdayListing");
        }
    }

    private static DayReport failed(LocalDate date, List<String> keys, String error) {
        return new DayReport(date.toString(), 0, 0, 0, 0, 0, 0, List.of(), keys, false, error);
    }
}
