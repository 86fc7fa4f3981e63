package dev.paperboy.fetch;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.source.DailyPapersParser;
import java.nio.charset.StandardCharsets;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.paper.SaveResult;
import dev.paperboy.source.DailyPapersClient;
import dev.paperboy.source.RawArchive;
import dev.paperboy.source.RetryPolicy;
import dev.paperboy.source.S3RawArchive;
import dev.paperboy.source.SourceException;
import dev.paperboy.source.UrlConnectionGet;
import java.net.URI;
import software.amazon.awssdk.core.exception.SdkException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The fetch use case: each asked-for day from the source into the papers table, raw bodies archived first. */
public final class FetchPapers {
    private final DailyPapersClient source;
    private final RawArchive archive;
    private final PaperRepository papers;

    public FetchPapers(DailyPapersClient source, RawArchive archive, PaperRepository papers) {
        this.source = source;
        this.archive = archive;
        this.papers = papers;
    }

    /** Wires the use case from a function's environment (see template.yaml). */
    public static FetchPapers fromEnvironment(Env env, AwsClients aws, Clock clock) {
        DailyPapersClient source = new DailyPapersClient(
                new UrlConnectionGet(Duration.ofMillis(env.integer("HF_TIMEOUT_MS", 10_000)), "paperboy/1.0 (+daily papers digest)"),
                URI.create(env.optional("HF_API_URL").orElse("https://huggingface.co")),
                env.integer("HF_PAGE_SIZE", 100),
                env.integer("HF_MAX_PAGES", 10),
                RetryPolicy.standard(),
                duration -> Thread.sleep(duration.toMillis()),
                clock,
                ThreadLocalRandom.current());
        return new FetchPapers(source,
                new S3RawArchive(aws.s3(), env.required("ARCHIVE_BUCKET")),
                new PaperRepository(aws.dynamoDb(), env.required("PAPERS_TABLE"), clock));
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
            reports.add(fetchDay(date));
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
            return new DayReport(date.toString(), day.pages(), day.papers().size(), saved.written(), saved.unchanged(),
                    saved.removed(), day.skipped(), day.problems(), keys, day.pageCapReached(), "");
        } catch (SourceException e) {
            return failed(date, keys, e.getMessage());
        } catch (SdkException e) {
            return failed(date, keys, date + ": storing failed: " + e.getMessage());
        }
    }

    private static DayReport failed(LocalDate date, List<String> keys, String error) {
        return new DayReport(date.toString(), 0, 0, 0, 0, 0, 0, List.of(), keys, false, error);
    }
}
