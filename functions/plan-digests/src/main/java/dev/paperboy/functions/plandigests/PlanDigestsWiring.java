package dev.paperboy.functions.plandigests;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.digest.DigestJob;
import dev.paperboy.digest.DigestPlanner;
import dev.paperboy.digest.DueSubscribers;
import dev.paperboy.digest.SqsDigestQueue;
import dev.paperboy.json.Json;
import dev.paperboy.metrics.EmfMetrics;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Schedule;
import dev.paperboy.subscriber.SubscriberRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * PlanDigestsFunction's object graph, built once from its environment (see template.yaml): the
 * planner the handler calls, and the SnapStart priming that warms that same graph (its
 * repositories, its SQS client) before the snapshot.
 */
public final class PlanDigestsWiring {
    /** Priming reads a day before any list. */
    private static final LocalDate NO_DAY = LocalDate.EPOCH;

    private final Metrics metrics;
    private final ListingCalendar calendar;
    private final SubscriberRepository subscribers;
    private final PaperRepository papers;
    private final SqsClient sqs;
    private final String queueUrl;
    private final DigestPlanner planner;

    /** The function's own: its environment, its clients, its metrics. */
    static PlanDigestsWiring fromSystem() {
        Env env = Env.system();
        return new PlanDigestsWiring(env, new AwsClients(env), Clock.systemUTC(), EmfMetrics.forFunction(env, "PlanDigestsFunction"));
    }

    public PlanDigestsWiring(Env env, AwsClients aws, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.calendar = new ListingCalendar(clock);
        this.subscribers = new SubscriberRepository(aws.dynamoDb(), env.required("SUBSCRIBERS_TABLE"));
        this.papers = new PaperRepository(aws.dynamoDb(), env.required("PAPERS_TABLE"), clock);
        this.sqs = aws.sqs();
        this.queueUrl = env.required("DIGEST_QUEUE_URL");
        this.planner = new DigestPlanner(DueSubscribers.from(subscribers::zonesInUse, subscribers::forEachDue), new SqsDigestQueue(sqs, queueUrl), papers::papersListedBetween, metrics);
    }

    public DigestPlanner planner() {
        return planner;
    }

    public ListingCalendar calendar() {
        return calendar;
    }

    public Metrics metrics() {
        return metrics;
    }

    /**
     * Registers the priming of this graph with SnapStart's checkpoint hook (see Priming): the reads a
     * first invocation does, on the same repositories and SQS client, for a day and a due group that
     * hold nobody; no message is sent.
     */
    public Priming priming() {
        Period noPeriod = new Period(Preferences.Frequency.DAILY, NO_DAY);
        return Priming.register("plan-digests", List.of(
                Priming.json("{\"at\": \"1970-01-01T00:00:00Z\"}", new DigestPlanner.SlotsPlanned(Instant.EPOCH.toString(), NO_DAY.toString(),
                        List.of(new DigestPlanner.Slot("DAILY", noPeriod, 0, "planned")), 0, 0, 0)),
                new Priming.Step("dynamodb", () -> {
                    papers.papersListedBetween(NO_DAY, NO_DAY);
                    subscribers.queryDueIndexForNobody();
                    subscribers.zonesInUse();
                }),
                Priming.sqs(sqs, queueUrl),
                new Priming.Step("digest-job", () -> {
                    Schedule.dueAt(Instant.EPOCH, Set.of(Preferences.DEFAULT_ZONE));
                    Json.MAPPER.writeValueAsString(new DigestJob(noPeriod, List.of()));
                })));
    }
}
