package dev.paperboy.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperboy.json.Json;
import dev.paperboy.paper.Paper;
import dev.paperboy.reliability.ReliabilityRows;
import dev.paperboy.metrics.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Scenario 8: hostile Hugging Face payloads, through the client as a day's fetch reads them.
 * Whatever the page holds, a day never crashes: an entry that is not a paper is skipped and
 * counted in the day's report, its neighbours are read exactly as without it, and every paper
 * kept fits the store and the digests; a body that is not a JSON array fails its day with a
 * named error (the fetch's other days go on), never with anything else.
 */
class HostilePayloadPropertiesTest {
    private static final LocalDate DAY = LocalDate.of(2025, 8, 29);
    private static final Pattern ARXIV_ID = Pattern.compile("(\\d{4}\\.\\d{4,5}|[a-z][a-z.-]{1,20}/\\d{7})(v\\d+)?");
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cs}]");
    /** DynamoDB's item limit, less room for the keys and attribute names. */
    private static final int ITEM_BYTES = 380_000;
    private static final List<JsonNode> GOOD = goodEntries();
    private static final List<Paper> BASELINE = GOOD.stream().map(HostilePayloadPropertiesTest::alone).toList();

    private static final AtomicLong pages = new AtomicLong();
    private static final AtomicLong entries = new AtomicLong();
    private static final AtomicLong mutated = new AtomicLong();
    private static final AtomicLong kept = new AtomicLong();
    private static final AtomicLong skipped = new AtomicLong();
    private static final AtomicLong brokenBodies = new AtomicLong();
    private static final AtomicLong failedDays = new AtomicLong();
    private static final AtomicLong crashes = new AtomicLong();
    private static final AtomicLong violations = new AtomicLong();
    private static final AtomicLong largestBody = new AtomicLong();

    /** A page of entries: which good entry each one started as, and whether it was then mangled. */
    record HostilePage(List<JsonNode> entries, List<Integer> sources, Set<Integer> mangled) {
        byte[] body() {
            ArrayNode array = Json.MAPPER.createArrayNode();
            entries.forEach(array::add);
            return array.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    @Provide
    Arbitrary<HostilePage> pagesOfEntries() {
        Arbitrary<int[]> entry = Combinators.combine(Arbitraries.integers().between(0, GOOD.size() - 1),
                        Arbitraries.integers().between(0, 99), Arbitraries.integers())
                .as((source, chance, seed) -> new int[] {source, chance, seed});
        return entry.list().ofMinSize(1).ofMaxSize(25).map(specs -> {
            List<JsonNode> list = new ArrayList<>();
            List<Integer> sources = new ArrayList<>();
            Set<Integer> mangled = new HashSet<>();
            for (int[] spec : specs) {
                JsonNode node = GOOD.get(spec[0]).deepCopy();
                if (spec[1] < 40) {
                    node = mangle(node, new Random(spec[2]));
                    mangled.add(list.size());
                }
                list.add(node);
                sources.add(spec[0]);
            }
            return new HostilePage(list, sources, mangled);
        });
    }

    @Property(tries = 200)
    void hostileEntriesAreSkippedAndCountedAndNeverHarmTheirNeighbours(@ForAll("pagesOfEntries") HostilePage page) {
        byte[] body = page.body();
        DailyPapers.Day day = fetchDay(body).orElseThrow(() -> new AssertionError("a JSON array never fails its day"));
        pages.incrementAndGet();
        entries.addAndGet(page.entries().size());
        mutated.addAndGet(page.mangled().size());
        kept.addAndGet(day.papers().size());
        skipped.addAndGet(day.skipped());

        check(day.papers().size() + day.skipped() == page.entries().size(), "every entry is either a paper or counted as skipped");
        // Which entries are skipped is each entry's own affair: one parsed alone says whether it is.
        List<String> expectedProblems = new ArrayList<>();
        Set<Integer> bad = new HashSet<>();
        for (int i = 0; i < page.entries().size(); i++) {
            List<String> alone = new DailyPapersParser().parse(DAY, Json.MAPPER.createArrayNode().add(page.entries().get(i)).toString()
                    .getBytes(StandardCharsets.UTF_8)).problems();
            if (!alone.isEmpty()) {
                bad.add(i);
                expectedProblems.add("page 0 entry " + i + alone.get(0).substring("entry 0".length()));
            }
        }
        check(day.skipped() == bad.size(), "each entry skipped alone is skipped on the page, and counted");
        check(day.problems().equals(expectedProblems.subList(0, Math.min(expectedProblems.size(), DailyPapersParser.MAX_PROBLEMS))),
                "the first few skipped entries say why, naming page and entry: " + day.problems());
        int next = 0;
        for (int i = 0; i < page.entries().size(); i++) {
            if (bad.contains(i)) {
                check(page.mangled().contains(i), "only a mangled entry is skipped, not entry " + i);
                continue;
            }
            Paper paper = day.papers().get(next++);
            if (!page.mangled().contains(i)) {
                check(paper.equals(BASELINE.get(page.sources().get(i))), "an untouched entry " + i + " reads as it does alone");
            }
            checkSane(paper);
        }
    }

    @Property(tries = 120)
    void aTruncatedOrCorruptedBodyFailsOnlyItsDayWithANamedError(@ForAll("pagesOfEntries") HostilePage page,
                                                                  @ForAll @DoubleRange(min = 0, max = 1) double cut,
                                                                  @ForAll boolean corrupt, @ForAll Random random) {
        byte[] whole = page.body();
        byte[] body = java.util.Arrays.copyOf(whole, (int) Math.round(cut * whole.length));
        if (corrupt && body.length > 0) {
            for (int i = 0; i < 1 + body.length / 500; i++) {
                body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            }
        }
        brokenBodies.incrementAndGet();

        Optional<DailyPapers.Day> day = fetchDay(body);

        // A cut that leaves a whole array (or a corruption inside a string) still reads as a page.
        day.ifPresent(d -> d.papers().forEach(HostilePayloadPropertiesTest::checkSane));
    }

    /** The client's whole day for one page with this body, or empty when the day failed with a SourceException. */
    private static Optional<DailyPapers.Day> fetchDay(byte[] body) {
        largestBody.accumulateAndGet(body.length, Math::max);
        Deque<byte[]> answers = new ArrayDeque<>(List.of(body, "[]".getBytes(StandardCharsets.UTF_8)));
        HttpGet http = uri -> new HttpResponse(200, Map.of("Content-Type", List.of("application/json")),
                answers.isEmpty() ? "[]".getBytes(StandardCharsets.UTF_8) : answers.poll());
        SourceSettings settings = new SourceSettings(URI.create("http://hf.test"), 100, 3,
                new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        DailyPapers days = new DailyPapers(new DailyPapersClient(http, (key, b) -> key, settings,
                d -> { }, Clock.fixed(Instant.parse("2025-08-30T02:00:00Z"), ZoneOffset.UTC), new Random(1), Metrics.none()), settings);
        try {
            return Optional.of(days.day(DAY));
        } catch (SourceException e) {
            failedDays.incrementAndGet();
            check(e.getMessage().startsWith("2025-08-29: "), "the failure names the day: " + e.getMessage());
            return Optional.empty();
        } catch (RuntimeException | Error e) {
            crashes.incrementAndGet();
            throw e;
        }
    }

    /** What the store and the digests rely on. */
    private static void checkSane(Paper paper) {
        check(ARXIV_ID.matcher(paper.id()).matches(), "an arXiv id: " + paper.id());
        check(!paper.title().isEmpty() && paper.title().length() <= DailyPapersParser.MAX_TITLE, "a title of sane length");
        check(paper.abstractText().length() <= DailyPapersParser.MAX_ABSTRACT, "an abstract of sane length");
        check(paper.authors().size() <= DailyPapersParser.MAX_AUTHORS, "a capped author list");
        check(paper.authors().stream().allMatch(a -> !a.isEmpty() && a.length() <= DailyPapersParser.MAX_NAME), "author names of sane length");
        check(paper.aiKeywords().size() <= 64 && paper.aiKeywords().stream().allMatch(k -> !k.isEmpty() && k.length() <= DailyPapersParser.MAX_KEYWORD),
                "keywords capped");
        check(paper.aiSummary().map(String::length).orElse(0) <= DailyPapersParser.MAX_SUMMARY, "a summary of sane length");
        check(paper.upvotes() >= 0 && paper.comments() >= 0 && paper.githubStars().orElse(0) >= 0, "no negative counts");
        for (Optional<String> url : List.of(paper.githubRepo(), paper.projectPage(), paper.thumbnail())) {
            check(url.map(u -> u.length() <= DailyPapersParser.MAX_URL && u.matches("https?://\\S+") && !UNPRINTABLE.matcher(u).find()).orElse(true),
                    "only sane http(s) links: " + url);
        }
        List<String> texts = new ArrayList<>(List.of(paper.title(), paper.abstractText(), paper.aiSummary().orElse("")));
        texts.addAll(paper.authors());
        texts.addAll(paper.aiKeywords());
        check(texts.stream().noneMatch(t -> UNPRINTABLE.matcher(t).find()), "no control characters or broken surrogates");
        int bytes = texts.stream().mapToInt(t -> t.getBytes(StandardCharsets.UTF_8).length).sum() + 3 * DailyPapersParser.MAX_URL + 200;
        check(bytes < ITEM_BYTES, "fits one DynamoDB item: " + bytes + " bytes");
        paper.fingerprint();
    }

    // Mangling: the ways a payload has been seen, or could be, wrong.

    private static JsonNode mangle(JsonNode entry, Random random) {
        JsonNode node = entry;
        int times = 1 + random.nextInt(3);
        for (int i = 0; i < times; i++) {
            node = switch (random.nextInt(8)) {
                case 0 -> hostileValue(random); // the entry itself is not an object
                case 1 -> random.nextBoolean() ? Json.MAPPER.createArrayNode().add(node) : Json.MAPPER.createObjectNode().set("entry", node);
                case 2 -> withHugeText(node, random);
                case 3 -> withManyAuthors(node, random);
                default -> replaceSomewhere(node, random);
            };
        }
        return node;
    }

    /** Replaces or removes one value anywhere in the tree. */
    private static JsonNode replaceSomewhere(JsonNode root, Random random) {
        List<ContainerNode<?>> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return hostileValue(random);
        }
        ContainerNode<?> container = containers.get(random.nextInt(containers.size()));
        if (container instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(5) == 0) {
                object.remove(name);
            } else {
                object.set(name, hostileValue(random));
            }
        } else if (container instanceof ArrayNode array && !array.isEmpty()) {
            array.set(random.nextInt(array.size()), hostileValue(random));
        } else if (container instanceof ArrayNode array) {
            array.add(hostileValue(random));
        }
        return root;
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> into) {
        if (node instanceof ContainerNode<?> container) {
            into.add(container);
            node.forEach(child -> collect(child, into));
        }
    }

    private static JsonNode hostileValue(Random random) {
        return switch (random.nextInt(22)) {
            case 0 -> Json.MAPPER.nullNode();
            case 1 -> Json.MAPPER.getNodeFactory().booleanNode(random.nextBoolean());
            case 2 -> Json.MAPPER.getNodeFactory().numberNode(-1);
            case 3 -> Json.MAPPER.getNodeFactory().numberNode(Long.MIN_VALUE);
            case 4 -> Json.MAPPER.getNodeFactory().numberNode(1e308);
            case 5 -> Json.MAPPER.getNodeFactory().numberNode(BigInteger.TEN.pow(60));
            case 6 -> Json.MAPPER.getNodeFactory().numberNode(3.75);
            case 7 -> text("");
            case 8 -> text("   \n\t ");
            case 9 -> text("\u0000\u0007\u001b[31m");
            case 10 -> text("<script>alert(1)</script>");
            case 11 -> text("../../etc/passwd");
            case 12 -> text("2508.90101v99999999999");
            case 13 -> text("\u202Egnp.exe \uD83D\uDE80 \uD800");
            case 14 -> text("javascript:alert(1)");
            case 15 -> text("9999-99-99T99:99:99Z");
            case 16 -> text("x".repeat(random.nextInt(3_000)));
            case 17 -> Json.MAPPER.createArrayNode();
            case 18 -> Json.MAPPER.createObjectNode();
            case 19 -> Json.MAPPER.createArrayNode().add(Json.MAPPER.nullNode()).add(text("a")).add(7);
            case 20 -> deep(random.nextInt(200), random);
            default -> text("+999999999-12-31T23:59:59Z");
        };
    }

    private static JsonNode deep(int depth, Random random) {
        JsonNode node = text("bottom");
        for (int i = 0; i < depth; i++) {
            node = random.nextBoolean() ? Json.MAPPER.createArrayNode().add(node) : Json.MAPPER.createObjectNode().set("name", node);
        }
        return node;
    }

    private static JsonNode withHugeText(JsonNode entry, Random random) {
        if (entry.path("paper") instanceof ObjectNode paper) {
            // Mostly past a limit, sometimes just at it; now and then a megabyte.
            int length = random.nextInt(25) == 0 ? 1_000_000 + random.nextInt(100) : random.nextInt(30_000);
            String field = List.of("title", "summary", "ai_summary", "githubRepo").get(random.nextInt(4));
            paper.set(field, text((field.equals("githubRepo") ? "https://github.com/" : "") + "w ".repeat(length / 2)));
        }
        return entry;
    }

    private static JsonNode withManyAuthors(JsonNode entry, Random random) {
        if (entry.path("paper") instanceof ObjectNode paper) {
            ArrayNode authors = paper.putArray("authors");
            for (int i = 0; i < 1 + random.nextInt(5_000); i++) {
                authors.add(random.nextInt(50) == 0 ? hostileValue(random) : Json.MAPPER.createObjectNode().put("name", "Author " + i));
            }
        }
        return entry;
    }

    private static JsonNode text(String value) {
        return Json.MAPPER.getNodeFactory().textNode(value);
    }

    private static List<JsonNode> goodEntries() {
        try {
            List<JsonNode> good = new ArrayList<>();
            Json.MAPPER.readTree(Fixtures.hf("day-full.json")).forEach(good::add);
            JsonNode malformed = Json.MAPPER.readTree(Fixtures.hf("day-malformed.json"));
            good.add(malformed.get(0));
            good.add(malformed.get(5));
            return List.copyOf(good);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Paper alone(JsonNode entry) {
        return new DailyPapersParser().parse(DAY, Json.MAPPER.createArrayNode().add(entry).toString().getBytes(StandardCharsets.UTF_8))
                .papers().get(0);
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            violations.incrementAndGet();
            throw new AssertionError(what);
        }
    }

    @AfterContainer
    static void recordRow() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("pages", pages.get());
        counts.put("entries", entries.get());
        counts.put("mangled", mutated.get());
        counts.put("skipped and counted", skipped.get());
        counts.put("papers kept", kept.get());
        counts.put("truncated or corrupted bodies", brokenBodies.get());
        counts.put("days failed with a named error", failedDays.get());
        counts.put("crashes", crashes.get());
        counts.put("broken promises", violations.get());
        counts.put("largest body bytes", largestBody.get());
        ReliabilityRows.record("8-hostile-hf-payloads",
                "Hostile Hugging Face payloads through the client's day fetch (jqwik properties)",
                "real fixtures' entries mangled (wrong types, nulls, removed fields, wrong nesting, 200-deep values, strings up to 1 MB, "
                        + "5,000 authors, control characters, broken surrogates); whole bodies truncated at random points and bytes corrupted",
                counts,
                crashes.get() == 0 && violations.get() == 0
                        ? "no crash: every bad entry skipped and counted in the day's report, untouched neighbours read exactly as alone, "
                        + "every paper kept within the store's and digests' limits; a body that is not a JSON array failed only its day, by name"
                        : crashes.get() + " crash(es), " + violations.get() + " broken promise(s): see the failing property");
    }
}
