package dev.paperboy.bench;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.digest.DigestJob;
import dev.paperboy.mail.DigestMailer;
import dev.paperboy.digest.DigestSender;
import dev.paperboy.functions.plandigests.PlanDigestsWiring;
import dev.paperboy.digest.SesRateShare;
import dev.paperboy.functions.senddigests.SendDigestsWiring;
import dev.paperboy.subscriber.Period;
import dev.paperboy.json.Json;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.local.FaultProxy;
import dev.paperboy.local.TestStack;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.subscriber.Preferences;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Sending at the SES rate: N subscribers planned into the queue, then SEND_CONCURRENCY warm send
 * instances (threads here, each with its own sender and pacer, as Lambda instances each have
 * theirs) taking batches of two messages as the event source does, against the local AWS. In
 * front of it a proxy that plays SES's limit: a send that would make more than the allowed rate
 * in the trailing second is answered with SES's throttling error. Reports the rate achieved over
 * the allowed one, the most sends that reached SES in any one second, the throttles and the
 * failures that surfaced (a message back to the queue, a digest failed).
 */
final class SendPacing implements Measurement {
    private static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);
    private static final String LIMITER = "SES maximum send rate";
    /** SendEmail's usual answer time in AWS. */
    private static final long SES_LATENCY_MILLIS = 50;

    private final int rate;
    private final int concurrency;

    /**
     * Scaled down from the 2,000 subscribers at 50 a second: moto answers these calls one at a time (about 40 to 50
     * a second, five a digest), so 50 digests a second would measure moto; six instances at 6 a second leave each one
     * about a second a digest, more than the local AWS needs. -Dpaperboy.bench.pacing.rate, .concurrency
     * and .subscribers set them (rate=50, concurrency=10, subscribers=2000 for the figures).
     */
    SendPacing() {
        this(Integer.getInteger("paperboy.bench.pacing.rate", 6), Integer.getInteger("paperboy.bench.pacing.concurrency", 6));
    }

    SendPacing(int rate, int concurrency) {
        this.rate = rate;
        this.concurrency = concurrency;
    }

    @Override
    public String name() {
        return "pacing";
    }

    @Override
    public Report run(Context context) throws Exception {
        // 300: twelve messages of 25, so each of the six instances takes two in one receive and none
        // sends a tail alone (a tail measures how the queue split, not the pacer; see the all-busy figure).
        int subscribers = context.smoke() ? 100 : Integer.getInteger("paperboy.bench.pacing.subscribers", 300);
        // A slow local AWS must not take the bench past its budget: sending stops here, mid-job if need be.
        long capMillis = context.smoke() ? 12_000 : 120_000;
        TestStack stack = TestStack.provision();
        try (FaultProxy proxy = FaultProxy.start(stack.aws().endpoint(), 1)) {
            AwsClients direct = stack.aws().clients();
            new PaperRepository(direct.dynamoDb(), stack.name("PapersTable"), Clock.systemUTC()).saveDay(FRIDAY, papers(), true);
            double seedSeconds = Subscribers.seed(direct.dynamoDb(), stack.name("SubscribersTable"), stack.keys(), UUID.randomUUID().toString().substring(0, 6),
                    subscribers);
            Requests requests = Requests.watch(proxy);
            SesLimit limit = new SesLimit(rate);
            proxy.inject(FaultProxy.Fault.of(LIMITER, limit::refuses, 1.0, FaultProxy.sesThrottle()));
            // SES itself answers from the proxy after its usual latency: the local AWS's SES parses every MIME
            // message in Python, and on a loaded machine that, not the pacer, would set the rate.
            proxy.inject(FaultProxy.Fault.of("SES", FaultProxy.sesSendEmail(), 1.0, new FaultProxy.Action.Answer(request -> {
                try {
                    Thread.sleep(SES_LATENCY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new FaultProxy.Action.Respond(200, Map.of("Content-Type", "application/json"),
                        "{\"MessageId\":\"" + UUID.randomUUID() + "\"}");
            })));

            Map<String, String> overrides = new HashMap<>();
            overrides.put("AWS_ENDPOINT_URL", proxy.endpoint().toString());
            overrides.put("MAX_SEND_RATE_PER_SECOND", Integer.toString(rate));
            // The whole rate to digests: this measures the digest pacer alone (no confirmation share).
            overrides.put("CONFIRMATION_SEND_RATE_PER_SECOND", "0");
            overrides.put("SEND_CONCURRENCY", Integer.toString(concurrency));
            overrides.put("PUBLIC_BASE_URL", "https://paperboy.test");
            Env env = new Env(stack.invoker().environment("SendDigestsFunction", overrides));
            String queueUrl = stack.aws().queueUrl("DigestQueue");
            Env plannerEnv = new Env(stack.invoker().environment("PlanDigestsFunction", Map.of()));
            new PlanDigestsWiring(plannerEnv, direct, Clock.systemUTC(), Metrics.none()).planner().plan(new Period(Preferences.Frequency.DAILY, FRIDAY));

            Map<DigestSender.Outcome, Integer> outcomes = new ConcurrentHashMap<>();
            AtomicInteger returned = new AtomicInteger();
            List<String> surfaced = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService instances = Executors.newFixedThreadPool(concurrency);
            // When each send left the sender (after its pacer), and when each instance found the queue empty.
            List<Long> handedToSes = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Long> finished = java.util.Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            long stopAt = System.currentTimeMillis() + capMillis;
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < concurrency; i++) {
                    running.add(instances.submit(() -> instance(env, direct.sqs(), queueUrl, stopAt, outcomes, returned, surfaced, handedToSes, finished)));
                }
                for (Future<?> instance : running) {
                    instance.get();
                }
            } finally {
                instances.shutdownNow();
            }
            double wall = (System.nanoTime() - start) / 1e9;

            List<Long> attempts = requests.of("SES.SendEmail").stream().map(Requests.Seen::nanos).sorted().toList();
            int throttled = proxy.injected(LIMITER);
            List<Long> accepted = limit.accepted();
            double span = accepted.size() < 2 ? Double.NaN : (accepted.get(accepted.size() - 1) - accepted.get(0)) / 1e9;
            double achieved = (accepted.size() - 1) / span;
            int peakAttempts = peakInOneSecond(attempts);
            int peakHanded = peakInOneSecond(handedToSes.stream().sorted().toList());
            // Each instance's first SendEmail opens its connection and reaches SES later after its hand-over than
            // the ones after it (~140 ms against ~5 ms here), so the start is the one window that can hold two
            // sends of each instance; past it, arrivals show the pacer.
            long startOver = attempts.isEmpty() ? 0 : attempts.get(0) + 1_000_000_000L;
            int peakAfterStart = peakInOneSecond(attempts.stream().filter(t -> t >= startOver).toList());
            // The rate while every instance still had work: the queue's last messages go to some instances
            // only, and the tail they send alone says how the work was split, not how the pacer paces.
            long allBusyUntil = finished.stream().min(Long::compare).orElse(Long.MAX_VALUE);
            List<Long> acceptedAllBusy = accepted.stream().filter(t -> t <= allBusyUntil).toList();
            double achievedAllBusy = acceptedAllBusy.size() < 2 ? Double.NaN
                    : (acceptedAllBusy.size() - 1) / ((acceptedAllBusy.get(acceptedAllBusy.size() - 1) - acceptedAllBusy.get(0)) / 1e9);
            int sent = outcomes.getOrDefault(DigestSender.Outcome.SENT, 0);
            int failed = outcomes.getOrDefault(DigestSender.Outcome.FAILED, 0) + returned.get();

            double secondsPerDigest;
            // The senders pace at this share of the rate (SesRateShare), leaving room for jitter.
            double pacedRate = SesRateShare.USED * rate;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("subscribers", subscribers);
            details.put("maxSendRatePerSecond", rate);
            details.put("sendConcurrency", concurrency);
            details.put("perInstanceRate", Math.round(1000.0 * pacedRate / concurrency) / 1000.0);
            details.put("seedSeconds", Math.round(seedSeconds * 100) / 100.0);
            details.put("wallSeconds", Math.round(wall * 100) / 100.0);
            details.put("sent", sent);
            details.put("outcomes", outcomes);
            details.put("sesAttempts", attempts.size());
            details.put("sesThrottled", throttled);
            details.put("achievedRatePerSecond", Math.round(achieved * 100) / 100.0);
            details.put("achievedOverAllowed", Math.round(achieved / rate * 1000) / 1000.0);
            details.put("achievedWhileAllInstancesBusyOverAllowed", Math.round(achievedAllBusy / rate * 1000) / 1000.0);
            details.put("peakSendsInOneSecond", peakAttempts);
            details.put("peakSendsHandedToSesInOneSecond", peakHanded);
            details.put("peakSendsInOneSecondAfterTheFirstSecond", peakAfterStart);
            details.put("peakOverAllowed", Math.round(peakAttempts * 1000.0 / rate) / 1000.0);
            // Each instance may take SendConcurrency / rate seconds a digest; slower than that, the local AWS sets the rate.
            secondsPerDigest = wall * concurrency / Math.max(1, sent);
            details.put("instanceSecondsPerDigest", Math.round(secondsPerDigest * 1000) / 1000.0);
            details.put("pacerIntervalSeconds", Math.round(1000.0 * concurrency / pacedRate) / 1000.0);
            details.put("localAwsBound", secondsPerDigest > 1.05 * concurrency / pacedRate);
            details.put("failuresSurfaced", failed);
            details.put("surfacedErrors", surfaced.stream().limit(10).toList());
            details.put("requestsPerDigest", perDigest(requests, sent));
            details.put("target", Map.of("achievedOverAllowed", 0.9, "peakOverAllowed", 1.05, "failuresSurfaced", 0));
            details.put("notes", "Send instances are threads of the bench, each with its own DigestSender and Pacer at "
                    + "MaxSendRatePerSecond / SendConcurrency, as warm Lambda instances would be; the achieved rate is the "
                    + "accepted sends over the time from the first to the last. The proxy refuses a send that would make more "
                    + "than the allowed rate in the trailing second, as SES does, and answers the others after "
                    + SES_LATENCY_MILLIS + " ms; DynamoDB and S3 are the local AWS. localAwsBound: an instance took longer a "
                    + "digest than its pacer allows, so the local AWS, not the pacer, set the achieved rate. Scaled down from 2,000 "
                    + "subscribers at 50/s (10 instances): moto serves about 40-50 of these calls a second, 5 a digest; at 50/s "
                    + "it reached 8 digests a second. achievedWhileAllInstancesBusy leaves out the tail that some instances send alone "
                    + "once the queue is empty for the others; peakSendsHandedToSesInOneSecond counts sends as the senders made them "
                    + "(after their pacers), peakSendsInOneSecond as they reached the proxy, after this machine's own delays.");
            details.put("stoppedAtCap", sent < subscribers);
            details.put("capSeconds", capMillis / 1000);
            if (sent != subscribers && System.currentTimeMillis() < stopAt) {
                throw new IllegalStateException("sent " + sent + " digests to " + subscribers + " subscribers: " + details);
            }
            return new Report(List.of(
                    new Row("pacing: achieved / allowed send rate", String.format("%.3f", achieved / rate), ">= 0.9"),
                    new Row("  the same while every instance had work", String.format("%.3f", achievedAllBusy / rate), ""),
                    new Row("pacing: most sends in one second / allowed", String.format("%.3f", peakAttempts / (double) rate), "<= 1.05"),
                    new Row("  the same after the first second", String.format("%.3f", peakAfterStart / (double) rate), ""),
                    new Row("  the same as the senders handed them over", String.format("%.3f", peakHanded / (double) rate), ""),
                    new Row("pacing: SES throttles / failures surfaced", throttled + " / " + failed, "- / 0"),
                    new Row("pacing: sent / subscribers" + (secondsPerDigest > 1.05 * concurrency / pacedRate ? " (local AWS bound)" : ""),
                            sent + " / " + subscribers, "")), details);
        } finally {
            Stacks.drop(stack);
        }
    }

    /** One warm send instance: batches of two messages, as the event source hands them, until the queue is empty. */
    private static void instance(Env env, SqsClient sqs, String queueUrl, long stopAt, Map<DigestSender.Outcome, Integer> outcomes,
                                 AtomicInteger returned, List<String> surfaced, List<Long> handedToSes, List<Long> finished) {
        try {
            drain(env, sqs, queueUrl, stopAt, outcomes, returned, surfaced, handedToSes);
        } finally {
            finished.add(System.nanoTime());
        }
    }

    private static void drain(Env env, SqsClient sqs, String queueUrl, long stopAt, Map<DigestSender.Outcome, Integer> outcomes,
                              AtomicInteger returned, List<String> surfaced, List<Long> handedToSes) {
        DigestSender sender = new SendDigestsWiring(env, new AwsClients(env), Clock.systemUTC(), Metrics.none(),
                ses -> (from, to, mime) -> {
                    handedToSes.add(System.nanoTime());
                    return ses.send(from, to, mime);
                }).sender();
        while (System.currentTimeMillis() < stopAt) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(2).visibilityTimeout(720)).messages();
            if (batch.isEmpty()) {
                return;
            }
            // The function's 120 s, or less at the bench's cap (the sender keeps 15 s in reserve).
            long deadline = Math.min(System.currentTimeMillis() + 120_000, stopAt + 15_000);
            for (Message message : batch) {
                try {
                    DigestJob job = Json.MAPPER.readValue(message.body(), DigestJob.class);
                    DigestSender.Report report = sender.send(job, () -> deadline - System.currentTimeMillis());
                    report.outcomes().forEach((outcome, count) -> outcomes.merge(outcome, count, Integer::sum));
                    if (report.complete()) {
                        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    } else if (System.currentTimeMillis() >= stopAt) {
                        return; // stopped at the bench's cap, not a failure
                    } else {
                        returned.incrementAndGet();
                        surfaced.add("incomplete: " + report.outcomes());
                    }
                } catch (DigestMailer.Throttled | DigestMailer.Paused | DigestMailer.Refused | java.io.IOException e) {
                    returned.incrementAndGet();
                    surfaced.add(e.toString());
                }
            }
        }
    }

    /** The most arrivals in any window of one second (half-open), from sorted arrival times. */
    static int peakInOneSecond(List<Long> sortedNanos) {
        int peak = 0;
        int from = 0;
        for (int to = 0; to < sortedNanos.size(); to++) {
            while (sortedNanos.get(to) - sortedNanos.get(from) >= 1_000_000_000L) {
                from++;
            }
            peak = Math.max(peak, to - from + 1);
        }
        return peak;
    }

    private static Map<String, Double> perDigest(Requests requests, int sent) {
        Map<String, Double> per = new LinkedHashMap<>();
        for (String service : List.of("DynamoDB", "S3", "SES")) {
            requests.byOperation(service).forEach((operation, count) -> per.put(operation, Math.round(count * 100.0 / sent) / 100.0));
        }
        return per;
    }

    /** SES's maximum send rate: at most {@code rate} sends accepted in any trailing second. */
    static final class SesLimit {
        private final int rate;
        private final Deque<Long> window = new ArrayDeque<>();
        private final List<Long> accepted = new ArrayList<>();

        SesLimit(int rate) {
            this.rate = rate;
        }

        synchronized boolean refuses(FaultProxy.Request request) {
            if (!"SES.SendEmail".equals(Requests.operation(request))) {
                return false;
            }
            long now = System.nanoTime();
            while (!window.isEmpty() && now - window.peekFirst() >= 1_000_000_000L) {
                window.removeFirst();
            }
            if (window.size() >= rate) {
                return true;
            }
            window.addLast(now);
            accepted.add(now);
            return false;
        }

        synchronized List<Long> accepted() {
            return List.copyOf(accepted);
        }
    }

    /** A day of 30 papers; every subscriber's keyword is in some of them, so each subscriber gets a digest. */
    private static List<Paper> papers() {
        List<String> topics = List.of("diffusion", "agents", "robots", "language models", "reasoning", "vision");
        return IntStream.range(0, 30).mapToObj(i -> {
            String topic = topics.get(i % topics.size());
            return new Paper("2508.9" + String.format("%04d", i), "Advances in " + topic + ", part " + i,
                    ("We study " + topic + " at scale and report results on standard benchmarks. ").repeat(8),
                    List.of("Ada Lovelace", "Alan Turing", "Grace Hopper"), Optional.empty(), Optional.empty(), 200 - i, i % 7,
                    Optional.of("A summary of work on " + topic + "."), List.of(topic), Optional.of("https://github.com/example/p" + i),
                    Optional.of(100 + i), Optional.empty(), Optional.empty(), FRIDAY);
        }).toList();
    }
}
