package dev.paperboy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperboy.json.Json;
import dev.paperboy.local.FaultProxy;
import dev.paperboy.local.LocalInvoker;
import dev.paperboy.local.TestStack;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Schedule;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberItems;
import dev.paperboy.keys.Keys;
import dev.paperboy.subscriber.SubscriberRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The digest planner at scale: N confirmed subscribers spread over six schedules in six zones
 * (daily and weekly, at local hours from 06:00 to 21:00), all due at one quarter hour, the
 * planner run on the schedule's event as `make invoke`
 * runs it (a fresh JVM with Lambda's flags and a fixed young generation), through a
 * counting proxy. Reports wall time, SQS requests per 100 subscribers and the heap from the
 * JVM's own GC log: the live heap is the occupancy right after each collection, its peak what
 * the planner keeps.
 *
 * <p>Up to 10,000 subscribers are seeded in the local AWS. Beyond that the local AWS cannot
 * answer in time (moto reads every item of the table for each page of a GSI Query: 100 pages of
 * 100,000 items is half an hour), so the 100,000 run, and a 10,000 run to compare it with, have
 * the proxy serve the byDue index pages in DynamoDB's wire format, and take the SQS batches (moto's
 * SQS slows as a queue grows): their planning time is the planner's own, without AWS latency.
 */
final class PlannerScale implements Measurement {
    private static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);
    /** Saturday 07:00 in New York: Friday's list is the newest closed one. */
    private static final String AT = "2025-08-30T11:00:00Z";
    /** A quarter past: no schedule of the spread (nor the default one) is due. */
    private static final String NOBODY_DUE_AT = "2025-08-30T11:15:00Z";
    /** Schedules all due at {@link #AT}, in their zones' Saturday: subscriber i has schedule i mod 6. */
    private static final List<Schedule> SPREAD = List.of(
            new Schedule(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, 7, ZoneId.of("America/New_York")),
            new Schedule(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, 13, ZoneId.of("Europe/Berlin")),
            new Schedule(Preferences.Frequency.WEEKLY, DayOfWeek.SATURDAY, 12, ZoneId.of("Europe/London")),
            new Schedule(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, 20, ZoneId.of("Asia/Tokyo")),
            new Schedule(Preferences.Frequency.WEEKLY, DayOfWeek.SATURDAY, 21, ZoneId.of("Australia/Sydney")),
            new Schedule(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, 6, ZoneId.of("America/Chicago")));
    /**
     * A fixed young generation with room in the survivor spaces, so that a page of keys in use at a
     * collection is kept there until it dies rather than promoted: the occupancy after each
     * collection is then what the planner holds, not garbage promoted early.
     */
    private static final String HEAP_FLAGS = "-Xms96m -Xmx256m -Xmn24m -XX:SurvivorRatio=2";
    private static final Pattern GC_LINE = Pattern.compile("GC\\((\\d+)\\) (DefNew|Tenured): (\\d+)K\\(\\d+K\\)->(\\d+)K\\(\\d+K\\)");

    private record Size(int subscribers, boolean servedIndex) {
        String label() {
            return String.format("%,d", subscribers) + (servedIndex ? " (index served)" : " (local AWS)");
        }
    }

    @Override
    public String name() {
        return "planner";
    }

    @Override
    public Report run(Context context) throws Exception {
        List<Size> sizes = context.smoke()
                ? List.of(new Size(300, false), new Size(1_000, true))
                : List.of(new Size(1_000, false), new Size(10_000, false), new Size(10_000, true), new Size(100_000, true));
        Map<String, Object> runs = new LinkedHashMap<>();
        double baseline = Double.NaN;
        for (Size size : sizes) {
            TestStack stack = TestStack.provision();
            try {
                new PaperRepository(stack.aws().clients().dynamoDb(), stack.name("PapersTable"), Clock.systemUTC())
                        .saveDay(FRIDAY, List.of(paper()), true);
                if (Double.isNaN(baseline)) {
                    // A quarter hour at which no schedule is due: the cold start, the wiring and the registry read.
                    baseline = invoke(stack, "{\"at\":\"" + NOBODY_DUE_AT + "\"}", Optional.empty()).seconds();
                }
                SubscriberRepository repository = new SubscriberRepository(stack.aws().clients().dynamoDb(), stack.name("SubscribersTable"));
                SPREAD.forEach(schedule -> repository.registerZone(schedule.zone()));
                String seedRun = UUID.randomUUID().toString().substring(0, 6);
                // Read once: each stack.keys() reads the secret again.
                Keys keys = stack.keys();
                double seedSeconds = size.servedIndex() ? 0
                        : Subscribers.seed(stack.aws().clients().dynamoDb(), stack.name("SubscribersTable"), size.subscribers(),
                        i -> spread(Subscribers.confirmed(keys, seedRun, i), i));
                Run run = invoke(stack, "{\"at\":\"" + AT + "\"}",
                        size.servedIndex() ? Optional.of(size.subscribers()) : Optional.empty());
                if (run.plan().path("subscribers").asInt() != size.subscribers()) {
                    throw new IllegalStateException("the planner planned " + run.plan() + " for " + size.subscribers() + " subscribers");
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("subscribers", size.subscribers());
                result.put("schedules", SPREAD.stream().map(SubscriberItems::dueKey).toList());
                result.put("slotsQueried", run.plan().path("slots").size());
                result.put("byDueIndex", size.servedIndex() ? "served by the bench" : "local AWS");
                result.put("sqs", size.servedIndex() ? "served by the bench" : "local AWS");
                result.put("seedSeconds", round(seedSeconds));
                result.put("invocationSeconds", round(run.seconds()));
                double planning = Math.max(0.001, run.seconds() - baseline);
                result.put("planningSeconds", round(planning));
                result.put("subscribersPerSecond", Math.round(size.subscribers() / planning));
                result.put("messages", run.plan().path("messages").asInt());
                result.put("sqsRequests", run.sqsRequests());
                result.put("sqsRequestsPer100Subscribers", round(run.sqsRequests() * 100.0 / size.subscribers()));
                result.put("dynamoDbRequests", run.dynamoDbRequests());
                result.put("peakLiveHeapMB", round(run.heap().peakLiveKb() / 1024.0));
                result.put("peakHeapUsedMB", round(run.heap().peakUsedKb() / 1024.0));
                result.put("collections", run.heap().collections());
                runs.put(size.label(), result);
            } finally {
                Stacks.drop(stack);
            }
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("coldStartBaselineSeconds", round(baseline));
        details.put("heapFlags", HEAP_FLAGS + " (and Lambda's -XX:+UseSerialGC -XX:TieredStopAtLevel=1)");
        details.put("runs", runs);
        double worstSqs = 0;
        for (Map.Entry<String, Object> entry : runs.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) entry.getValue();
            worstSqs = Math.max(worstSqs, (double) r.get("sqsRequestsPer100Subscribers"));
            rows.add(new Row("planner " + entry.getKey() + ": planning s / live heap MB",
                    r.get("planningSeconds") + " / " + r.get("peakLiveHeapMB"), ""));
        }
        rows.add(new Row("planner: SQS requests per 100 subscribers (worst)", String.valueOf(worstSqs), "<= 1"));
        List<Map<String, Object>> served = runs.values().stream().map(PlannerScale::asMap)
                .filter(r -> "served by the bench".equals(r.get("byDueIndex"))).toList();
        if (served.size() == 2) {
            double small = (double) served.get(0).get("peakLiveHeapMB");
            double large = (double) served.get(1).get("peakLiveHeapMB");
            double growth = (large - small) / small;
            details.put("liveHeapGrowth", Map.of("from", served.get(0).get("subscribers"), "to", served.get(1).get("subscribers"),
                    "percent", round(growth * 100)));
            rows.add(new Row("planner: live heap growth " + served.get(0).get("subscribers") + " -> " + served.get(1).get("subscribers"),
                    String.format("%+.1f%%", growth * 100), "<= 20%"));
        }
        details.put("target", Map.of("sqsRequestsPer100Subscribers", 1, "liveHeapGrowth10kTo100kPercent", 20));
        details.put("notes", "Planning seconds are the invocation's wall time minus an invocation with nobody due (JVM start, "
                + "wiring). The byDue index is served by the bench above 10,000 subscribers because moto reads the whole table for "
                + "every page of a GSI Query (about 1.8 s a page at 10,000 items, growing with the table): 100,000 subscribers would "
                + "take about half an hour there. Those runs also have SQS answered by the bench (moto's SQS slows as the queue grows: "
                + "400 batches took over 7 minutes), so their planning time is the planner's own without AWS latency. SQS requests and "
                + "the heap are the planner's own in every run.");
        return new Report(rows, details);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    private record Heap(long peakLiveKb, long peakUsedKb, int collections) {
    }

    private record Run(double seconds, JsonNode plan, int sqsRequests, int dynamoDbRequests, Heap heap) {
    }

    private static Run invoke(TestStack stack, String event, Optional<Integer> servedIndex) throws Exception {
        Path gcLog = Files.createTempFile("paperboy-planner-gc", ".log");
        try (FaultProxy proxy = FaultProxy.start(stack.aws().endpoint(), 1)) {
            Requests requests = Requests.watch(proxy);
            servedIndex.ifPresent(count -> {
                proxy.inject(FaultProxy.Fault.of("byDue index", PlannerScale::isByDueQuery, 1.0, new FaultProxy.Action.Answer(byDuePages(count))));
                // moto's SQS slows as a queue grows (400 batches into one queue take minutes): SQS answers from here too.
                proxy.inject(FaultProxy.Fault.of("SQS", request -> "AmazonSQS.SendMessageBatch".equals(request.header("X-Amz-Target")), 1.0,
                        new FaultProxy.Action.Answer(PlannerScale::acceptBatch)));
            });
            LocalInvoker invoker = stack.invoker();
            long start = System.nanoTime();
            LocalInvoker.Invocation invocation = invoker.invoke("PlanDigestsFunction", event.getBytes(StandardCharsets.UTF_8), Map.of(
                    "AWS_ENDPOINT_URL", proxy.endpoint().toString(),
                    "JAVA_TOOL_OPTIONS", HEAP_FLAGS + " -Xlog:gc+heap=info:file=" + gcLog));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!invocation.succeeded()) {
                throw new IllegalStateException("the planner failed: " + invocation.response() + "\n" + invocation.logs());
            }
            return new Run(seconds, Json.MAPPER.readTree(invocation.response()), requests.count("SQS.SendMessageBatch"),
                    requests.byOperation("DynamoDB").values().stream().mapToInt(Integer::intValue).sum(), heap(gcLog));
        } finally {
            Files.deleteIfExists(gcLog);
        }
    }

    /** Occupancy before and after each collection, young generation plus tenured, from -Xlog:gc+heap. */
    static Heap heap(Path gcLog) throws java.io.IOException {
        Map<Integer, long[]> byCollection = new LinkedHashMap<>();
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                long[] beforeAfter = byCollection.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new long[2]);
                beforeAfter[0] += Long.parseLong(m.group(3));
                beforeAfter[1] += Long.parseLong(m.group(4));
            }
        }
        long live = byCollection.values().stream().mapToLong(v -> v[1]).max().orElse(0);
        long used = byCollection.values().stream().mapToLong(v -> v[0]).max().orElse(0);
        return new Heap(live, used, byCollection.size());
    }

    private static boolean isByDueQuery(FaultProxy.Request request) {
        return "Query".equals(request.amzOperation()) && request.bodyText().contains("\"IndexName\":\"byDue\"");
    }

    /**
     * Pages of the byDue index as DynamoDB answers them: keys only, in key order, LastEvaluatedKey
     * while more remain. Subscriber i is in partition {@code SPREAD[i mod 6]}; other partitions are empty.
     */
    private static Function<FaultProxy.Request, FaultProxy.Action.Respond> byDuePages(int count) {
        List<String> partitions = SPREAD.stream().map(SubscriberItems::dueKey).toList();
        int n = partitions.size();
        return request -> {
            try {
                JsonNode query = Json.MAPPER.readTree(request.body());
                int limit = query.path("Limit").asInt(1000);
                int partition = partitions.indexOf(query.path("ExpressionAttributeValues").path(":due").path("S").asText());
                int inPartition = partition < 0 ? 0 : (count - partition + n - 1) / n;
                JsonNode startKey = query.path("ExclusiveStartKey").path("pk").path("S");
                int from = startKey.isMissingNode() ? 0 : (Integer.parseInt(startKey.asText().substring("SUB#".length()), 16) - partition) / n + 1;
                int to = Math.min(inPartition, from + limit);
                ObjectNode page = Json.MAPPER.createObjectNode();
                ArrayNode items = page.putArray("Items");
                for (int j = from; j < to; j++) {
                    items.add(key(partition + j * n, partitions.get(partition)));
                }
                page.put("Count", to - from).put("ScannedCount", to - from);
                if (to < inPartition) {
                    page.set("LastEvaluatedKey", key(partition + (to - 1) * n, partitions.get(partition)));
                }
                return new FaultProxy.Action.Respond(200, Map.of("Content-Type", "application/x-amz-json-1.0"),
                        Json.MAPPER.writeValueAsString(page));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    /** Subscriber i of a run, moved to its schedule in the spread. */
    private static Subscriber spread(Subscriber subscriber, int i) {
        Schedule schedule = SPREAD.get(i % SPREAD.size());
        Preferences p = subscriber.preferences();
        Preferences moved = new Preferences(schedule.frequency(), schedule.weeklyDay(), p.keywords(), p.maxPapers(), p.minUpvotes())
                .withHour(schedule.hour(), schedule.zone());
        return new Subscriber(subscriber.id(), subscriber.email(), subscriber.status(), moved, subscriber.createdAt(), subscriber.updatedAt(),
                subscriber.confirmedAt(), subscriber.version(), subscriber.feedGeneration());
    }

    /** SendMessageBatch's answer when SQS takes every entry, with the body digests the SDK checks. */
    private static FaultProxy.Action.Respond acceptBatch(FaultProxy.Request request) {
        try {
            JsonNode batch = Json.MAPPER.readTree(request.body());
            ObjectNode answer = Json.MAPPER.createObjectNode();
            ArrayNode successful = answer.putArray("Successful");
            for (JsonNode entry : batch.path("Entries")) {
                byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(entry.path("MessageBody").asText().getBytes(StandardCharsets.UTF_8));
                successful.addObject().put("Id", entry.path("Id").asText()).put("MessageId", UUID.randomUUID().toString())
                        .put("MD5OfMessageBody", java.util.HexFormat.of().formatHex(md5));
            }
            answer.putArray("Failed");
            return new FaultProxy.Action.Respond(200, Map.of("Content-Type", "application/x-amz-json-1.0"), Json.MAPPER.writeValueAsString(answer));
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode key(int i, String dueKey) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.putObject("dueKey").put("S", dueKey);
        item.putObject("pk").put("S", "SUB#" + String.format("%032x", i));
        item.putObject("sk").put("S", "PROFILE");
        return item;
    }

    private static Paper paper() {
        return new Paper("2508.90001", "A Paper To Plan For", "An abstract.", List.of("Author One"), Optional.empty(), Optional.empty(),
                10, 0, Optional.empty(), List.of("testing"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), FRIDAY);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
