package dev.paperboy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.fetch.FetchPapers;
import dev.paperboy.fetch.FetchRequest;
import dev.paperboy.fetch.FetchSummary;
import dev.paperboy.functions.fetch.FetchPapersWiring;
import dev.paperboy.json.Json;
import dev.paperboy.local.FaultProxy;
import dev.paperboy.local.HfStub;
import dev.paperboy.local.TestStack;
import dev.paperboy.metrics.Metrics;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * DynamoDB requests and write units of the fetch, per 100 papers: the first fetch of some days,
 * an unchanged re-fetch (the evening fetch and the upvote refresh see the same lists again), and
 * a re-fetch where a tenth of the papers gained upvotes. The fetch runs with its real wiring
 * against the local AWS through a counting proxy; Hugging Face is the local stub. Write units are
 * sized from each write's attributes by DynamoDB's rule (1 per KB started).
 */
final class FetchEfficiency implements Measurement {
    private static final Set<String> READS = Set.of("DynamoDB.GetItem", "DynamoDB.Query", "DynamoDB.BatchGetItem", "DynamoDB.Scan");
    private static final Set<String> WRITES = Set.of("DynamoDB.PutItem", "DynamoDB.UpdateItem", "DynamoDB.DeleteItem", "DynamoDB.BatchWriteItem");

    @Override
    public String name() {
        return "fetch";
    }

    @Override
    public Report run(Context context) throws Exception {
        // The upvote refresh's shape: the last four lists; a weekday list has 30 to 60 papers.
        int days = context.smoke() ? 1 : 4;
        int perDay = 50;
        List<LocalDate> dates = LocalDate.of(2025, 8, 26).datesUntil(LocalDate.of(2025, 8, 26).plusDays(days)).toList();
        TestStack stack = TestStack.provision();
        Random random = new Random(7);
        Map<LocalDate, ArrayNode> lists = new LinkedHashMap<>();
        for (int d = 0; d < days; d++) {
            lists.put(dates.get(d), day(random, d, perDay));
        }
        Map<String, Object> phases = new LinkedHashMap<>();
        try (HfStub hf = HfStub.start(); FaultProxy proxy = FaultProxy.start(stack.aws().endpoint(), 1)) {
            lists.forEach((date, entries) -> hf.day(date, entries.toString()));
            Requests requests = Requests.watch(proxy);
            Map<String, String> env = new HashMap<>(stack.aws().lambdaEnvironment());
            env.put("AWS_ENDPOINT_URL", proxy.endpoint().toString());
            env.put("HF_API_URL", hf.url().toString());
            env.put("ARCHIVE_BUCKET", stack.name("ArchiveBucket"));
            env.put("PAPERS_TABLE", stack.name("PapersTable"));
            Env environment = new Env(env);
            FetchPapers fetch = new FetchPapersWiring(environment, new AwsClients(environment), Clock.systemUTC(), Metrics.none()).fetch();
            FetchRequest request = new FetchRequest(dates);
            int papers = days * perDay;

            phases.put("first", phase(fetch, request, requests, papers));
            phases.put("unchangedRefetch", phase(fetch, request, requests, papers));
            // A tenth of each day's papers gained upvotes since: the upvote refresh's usual case.
            lists.forEach((date, entries) -> {
                for (int i = 0; i < entries.size(); i += 10) {
                    ObjectNode paper = (ObjectNode) entries.get(i).get("paper");
                    paper.put("upvotes", paper.get("upvotes").asInt() + 3);
                }
                hf.day(date, entries.toString());
            });
            phases.put("tenthChangedRefetch", phase(fetch, request, requests, papers));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((Map<String, Object>) phases.get("first")).get("per100Papers");
        @SuppressWarnings("unchecked")
        Map<String, Object> unchanged = (Map<String, Object>) ((Map<String, Object>) phases.get("unchangedRefetch")).get("per100Papers");
        @SuppressWarnings("unchecked")
        Map<String, Object> changed = (Map<String, Object>) ((Map<String, Object>) phases.get("tenthChangedRefetch")).get("per100Papers");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("days", days);
        details.put("papersPerDay", perDay);
        details.put("phases", phases);
        details.put("target", Map.of("unchangedRefetchWritesPer100Papers", 0, "unchangedRefetchReadRequestsPer100Papers", 2));
        details.put("notes", "Requests counted at a proxy in front of the local AWS; write units sized from each write's attributes "
                + "(DynamoDB bills 1 WCU per KB started, a delete of a small item 1). Reads are one per day whatever its size, so "
                + "a day of fewer than 50 papers costs more than 2 per 100.");
        return new Report(List.of(
                new Row("fetch, first: DynamoDB requests / WCU per 100 papers", first.get("requests") + " / " + first.get("writeUnits"), ""),
                new Row("fetch, unchanged re-fetch: writes per 100 papers", String.valueOf(unchanged.get("writeRequests")), "0"),
                new Row("fetch, unchanged re-fetch: reads per 100 papers", String.valueOf(unchanged.get("readRequests")), "<= 2"),
                new Row("fetch, 10% changed re-fetch: requests / WCU per 100", changed.get("requests") + " / " + changed.get("writeUnits"), "")),
                details);
    }

    private static Map<String, Object> phase(FetchPapers fetch, FetchRequest request, Requests requests, int papers) {
        requests.clear();
        FetchSummary summary = fetch.run(request);
        if (summary.failed() > 0) {
            throw new IllegalStateException(summary.failureMessage());
        }
        Map<String, Integer> byOperation = requests.byOperation("DynamoDB");
        int reads = byOperation.entrySet().stream().filter(e -> READS.contains(e.getKey())).mapToInt(Map.Entry::getValue).sum();
        int writes = byOperation.entrySet().stream().filter(e -> WRITES.contains(e.getKey())).mapToInt(Map.Entry::getValue).sum();
        long itemsWritten = 0;
        long writeUnits = 0;
        for (Requests.Seen seen : requests.all()) {
            if (!WRITES.contains(seen.operation())) {
                continue;
            }
            JsonNode body = seen.json();
            if (seen.operation().equals("DynamoDB.BatchWriteItem")) {
                for (JsonNode writesOfTable : body.get("RequestItems")) {
                    for (JsonNode write : writesOfTable) {
                        itemsWritten++;
                        writeUnits += write.has("PutRequest") ? ItemSize.writeUnits(ItemSize.of(write.get("PutRequest").get("Item"))) : 1;
                    }
                }
            } else {
                itemsWritten++;
                writeUnits += ItemSize.writeUnits(updatedSize(body));
            }
        }
        Map<String, Object> per100 = new LinkedHashMap<>();
        per100.put("requests", per100(reads + writes, papers));
        per100.put("readRequests", per100(reads, papers));
        per100.put("writeRequests", per100(writes, papers));
        per100.put("itemsWritten", per100(itemsWritten, papers));
        per100.put("writeUnits", per100(writeUnits, papers));
        Map<String, Object> phase = new LinkedHashMap<>();
        phase.put("papers", papers);
        phase.put("requests", byOperation);
        phase.put("readRequests", reads);
        phase.put("writeRequests", writes);
        phase.put("itemsWritten", itemsWritten);
        phase.put("writeUnits", writeUnits);
        phase.put("summary", Map.of("written", summary.written(), "unchanged", summary.unchanged()));
        phase.put("per100Papers", per100);
        return phase;
    }

    /** The item an UpdateItem or PutItem leaves, sized from its key and the values it sets. */
    private static long updatedSize(JsonNode body) {
        if (body.has("Item")) {
            return ItemSize.of(body.get("Item"));
        }
        long size = body.has("Key") ? ItemSize.of(body.get("Key")) : 0;
        for (JsonNode name : body.path("ExpressionAttributeNames")) {
            size += name.asText().length();
        }
        for (JsonNode value : body.path("ExpressionAttributeValues")) {
            size += ItemSize.value(value);
        }
        return size;
    }

    private static double per100(long count, int papers) {
        return Math.round(count * 100.0 / papers * 100) / 100.0;
    }

    /** A day of Hugging Face entries in the API's shape, with text of real papers' sizes. */
    private static ArrayNode day(Random random, int dayIndex, int count) {
        ArrayNode entries = Json.MAPPER.createArrayNode();
        for (int i = 0; i < count; i++) {
            String id = "2508." + (10000 + dayIndex * 1000 + i);
            String title = "Scaling Study " + id + " of Sparse Mixtures for Long-Context Reasoning Agents";
            ObjectNode paper = Json.MAPPER.createObjectNode()
                    .put("id", id)
                    .put("title", title)
                    .put("summary", ("We study how sparse mixtures of experts behave when the context grows past a million tokens. "
                            + "Our analysis covers routing collapse, load balance and memory traffic. ").repeat(7))
                    .put("publishedAt", "2025-08-25T17:59:30.000Z")
                    .put("submittedOnDailyAt", "2025-08-26T00:57:09.392Z")
                    .put("upvotes", random.nextInt(200))
                    .put("numComments", random.nextInt(10))
                    .put("ai_summary", "A study of sparse expert routing at very long context, with a load-balancing fix that keeps "
                            + "throughput stable as the context grows; the method improves reasoning benchmarks.")
                    .put("githubRepo", "https://github.com/example/" + id)
                    .put("githubStars", random.nextInt(2000));
            ArrayNode authors = paper.putArray("authors");
            for (int a = 0; a < 6; a++) {
                authors.addObject().put("_id", "a" + a).put("name", "Author Number" + a + " Surname").put("hidden", false);
            }
            ArrayNode keywords = paper.putArray("ai_keywords");
            List.of("mixture of experts", "long context", "routing", "load balancing", "reasoning", "sparse models").forEach(keywords::add);
            ObjectNode entry = entries.addObject();
            entry.set("paper", paper);
            entry.put("publishedAt", "2025-08-26T00:57:09.392Z").put("title", title)
                    .put("thumbnail", "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/" + id + ".png")
                    .put("numComments", paper.get("numComments").asInt());
            entry.putObject("submittedBy").put("name", "tester").put("fullname", "Test Er").put("type", "user");
        }
        return entries;
    }
}
