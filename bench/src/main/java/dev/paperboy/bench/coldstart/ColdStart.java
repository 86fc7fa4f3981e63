package dev.paperboy.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.bench.Measurement;
import dev.paperboy.bench.coldstart.naive.FloorHandler;
import dev.paperboy.json.Json;
import dev.paperboy.local.HfStub;
import dev.paperboy.local.LocalInvoker;
import dev.paperboy.local.SamLocal;
import dev.paperboy.local.TestStack;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Cold start per function: each run a fresh container of the Lambda Java 21 image (as `sam local`
 * runs it: SAM's emulator image on ours), the real Runtime Interface Client started by the image's
 * /var/runtime/bootstrap with Lambda's JVM flags, the heap of the function's memory and the
 * template's JAVA_TOOL_OPTIONS, serving the function's sample event against the local AWS on its
 * Docker network. The RIC runs {@link ProbeHandler}, which constructs the variant's handler and
 * times init, priming and the invocations from the bootstrap's start. Three variants of each
 * function and a floor, interleaved run by run so that the machine's load falls on all alike:
 * <ul>
 * <li>ours: the handler as deployed, no checkpoint (Lambda without SnapStart, or $LATEST);</li>
 * <li>primed: the same, with the registered priming run after init, as SnapStart's checkpoint
 * would (restore itself cannot be measured here);</li>
 * <li>naive: the same work with the SDK's defaults (NaiveAwsClients: create(), Apache, provider
 * chains), no priming;</li>
 * <li>floor: a handler that does nothing, on the same classpath;</li>
 * <li>with -Dcoldstart.wholeSdk=true, whole and whole-primed: ours and primed with the SDK service
 * jars untrimmed (what sdk-trim wins, README's Layout).</li>
 * </ul>
 * Medians of the runs; ratios are of medians measured in this same run. Classes loaded are counted
 * in one extra run per variant with -Xlog:class+load, cut at the probe's nanoTime marks.
 */
public final class ColdStart implements Measurement {
    /** A function, the sample event it serves, and its naive twin. */
    record Function(String logicalId, String event, String naiveHandler) {
    }

    static final List<Function> FUNCTIONS = List.of(
            new Function("SubscriptionsApiFunction", "events/subscriptions-api/get-page.json", "NaiveSubscriptionsApiHandler"),
            new Function("FetchPapersFunction", "events/fetch-papers/date.json", "NaiveFetchPapersHandler"),
            new Function("PlanDigestsFunction", "events/plan-digests/schedule.json", "NaivePlanDigestsHandler"),
            new Function("SendDigestsFunction", "events/send-digests/sqs-batch.json", "NaiveSendDigestsHandler"),
            new Function("MailEventsFunction", "events/mail-events/ses-hard-bounce.json", "NaiveMailEventsHandler"));

    /** The jars that make the SDK's default (Apache) HTTP client; the function's own lib has none. */
    private static final List<String> APACHE_JARS = List.of("apache-client-", "httpclient-", "httpcore-", "commons-logging-", "commons-codec-");
    private static final int WARM_INVOCATIONS = 3;
    /**
     * -Dcoldstart.javaToolOptions=... adds a variant "trial": ours with these JAVA_TOOL_OPTIONS
     * instead of the template's, measured in the same runs, to decide what goes into the template.
     */
    private static final String TRIAL_OPTIONS = System.getProperty("coldstart.javaToolOptions");
    /**
     * -Dcoldstart.wholeSdk=true adds the variants "whole" and "whole-primed": ours and primed with
     * the SDK service jars as Maven Central ships them (from the bench's own classpath) in place of
     * the function's trimmed copies, measured in the same runs: what trimming the SDK jars wins.
     */
    private static final boolean WHOLE_SDK = Boolean.getBoolean("coldstart.wholeSdk");

    /** -Dcoldstart.functions=A,B measures only those functions (logical ids). */
    private final List<String> only = Stream.of(System.getProperty("coldstart.functions", "").split(","))
            .filter(s -> !s.isBlank()).toList();

    @Override
    public String name() {
        return "cold-start";
    }

    /** One probe's result. */
    record Run(double initMs, double primedMs, double firstMs, double totalMs, double warmMs, long nanoInit, long nanoPrimed, long nanoFirst) {
        /** The first invocation alone: from the end of init (or of priming) to its response. */
        double firstInvocationMs() {
            return firstMs - primedMs;
        }
    }

    /** How a variant is started; ours run with the template's JAVA_TOOL_OPTIONS, the naive one with Lambda's defaults. */
    private record Variant(String name, String handler, List<String> classpath, boolean primed, boolean templateJvmOptions) {
    }

    @Override
    public Report run(Context context) throws Exception {
        int runs = context.smoke() ? 1 : Integer.getInteger("coldstart.runs", 7);
        List<Function> functions = context.smoke() ? List.of(FUNCTIONS.get(4))
                : FUNCTIONS.stream().filter(f -> only.isEmpty() || only.contains(f.logicalId())).toList();
        TestStack stack = TestStack.provision();
        LocalInvoker invoker = stack.invoker();
        SamLocal sam = stack.sam();
        Path bench = codeLocation();
        Map<String, Path> benchJars = benchJars(bench);
        List<Path> apache = apacheJars(benchJars);
        containers = new Containers(context.repoRoot().resolve("target/bench/cold-start"), sam, invoker);
        try (HfStub hf = HfStub.start(sam.network().gateway()).day(LocalDate.of(2025, 8, 29), sampleDay())) {
            Map<String, String> overrides = Map.of("HF_API_URL", hf.url().toString(), "PUBLIC_BASE_URL", "https://paperboy.test");
            // Papers in the table, so that the page and the digest reads find a day to show; through
            // `sam local invoke`, which also builds SAM's emulator image the runs below start.
            SamLocal.Invocation seeded = sam.invoke("FetchPapersFunction",
                    Files.readAllBytes(context.repoRoot().resolve("events/fetch-papers/date.json")), overrides);
            if (!seeded.succeeded()) {
                throw new IllegalStateException("seeding the papers table failed: " + seeded.response() + seeded.logs());
            }
            Map<String, Map<String, List<Run>>> timings = new LinkedHashMap<>();
            Map<String, Map<String, Map<String, Long>>> classes = new LinkedHashMap<>();
            List<Run> floor = new ArrayList<>();
            Map<String, Long> floorClasses = Map.of();
            for (Function function : functions) {
                timings.put(function.logicalId(), new LinkedHashMap<>());
                classes.put(function.logicalId(), new LinkedHashMap<>());
            }
            Function first = functions.get(0);
            Variant floorVariant = new Variant("floor", FloorHandler.class.getName(), classpath(invoker, first.logicalId(), bench, List.of()), false, false);
            if (context.smoke()) {
                // One logged run per variant gives both its timings and its class counts: the smoke stays short.
                for (Variant variant : variants(invoker, first, bench, apache, benchJars)) {
                    Counted counted = countClasses(context, invoker, first, variant, overrides);
                    timings.get(first.logicalId()).put(variant.name(), List.of(counted.run()));
                    classes.get(first.logicalId()).put(variant.name(), counted.counts());
                }
                Counted counted = countClasses(context, invoker, first, floorVariant, overrides);
                floor.add(counted.run());
                floorClasses = counted.counts();
                return report(runs, functions, timings, classes, floor, floorClasses);
            }
            for (int run = 0; run < runs; run++) {
                for (Function function : functions) {
                    List<Variant> variants = variants(invoker, function, bench, apache, benchJars);
                    // Rotate the order run by run: no variant always goes first after another's load.
                    for (int v = 0; v < variants.size(); v++) {
                        Variant variant = variants.get((v + run) % variants.size());
                        Run result = probe(context, invoker, function, variant, overrides, null);
                        timings.get(function.logicalId()).computeIfAbsent(variant.name(), k -> new ArrayList<>()).add(result);
                    }
                }
                floor.add(probe(context, invoker, first, floorVariant, overrides, null));
            }
            for (Function function : functions) {
                for (Variant variant : variants(invoker, function, bench, apache, benchJars)) {
                    classes.get(function.logicalId()).put(variant.name(), countClasses(context, invoker, function, variant, overrides).counts());
                }
            }
            floorClasses = countClasses(context, invoker, first, floorVariant, overrides).counts();
            return report(runs, functions, timings, classes, floor, floorClasses);
        }
    }

    private List<Variant> variants(LocalInvoker invoker, Function function, Path bench, List<Path> apache, Map<String, Path> benchJars) {
        List<String> ours = classpath(invoker, function.logicalId(), bench, List.of());
        // The naive twin: the function's jars less the URLConnection client, plus Apache's, as a
        // function that keeps the SDK's default dependencies would ship; and its SDK jars whole, as
        // before sdk-trim (the same versions, from the bench's own classpath).
        List<String> naive = new ArrayList<>();
        for (String entry : classpath(invoker, function.logicalId(), bench, apache)) {
            String file = String.valueOf(Path.of(entry).getFileName());
            if (!file.startsWith("url-connection-client-")) {
                naive.add(benchJars.getOrDefault(file, Path.of(entry)).toString());
            }
        }
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("ours", invoker.handlerClass(function.logicalId()), ours, false, true),
                new Variant("primed", invoker.handlerClass(function.logicalId()), ours, true, true),
                new Variant("naive", "dev.paperboy.bench.coldstart.naive." + function.naiveHandler(), naive, false, false)));
        if (TRIAL_OPTIONS != null) {
            variants.add(new Variant("trial", invoker.handlerClass(function.logicalId()), ours, false, true));
        }
        if (WHOLE_SDK) {
            List<String> whole = wholeSdk(ours, benchJars);
            variants.add(new Variant("whole", invoker.handlerClass(function.logicalId()), whole, false, true));
            variants.add(new Variant("whole-primed", invoker.handlerClass(function.logicalId()), whole, true, true));
        }
        return variants;
    }

    /** The classpath with each jar that differs from the bench's copy of the same file (a trimmed one) replaced by that copy. */
    private static List<String> wholeSdk(List<String> classpath, Map<String, Path> benchJars) {
        List<String> whole = new ArrayList<>();
        for (String entry : classpath) {
            Path path = Path.of(entry);
            Path shipped = benchJars.get(String.valueOf(path.getFileName()));
            try {
                boolean differs = shipped != null && Files.isRegularFile(path) && Files.mismatch(path, shipped) != -1;
                whole.add(differs ? shipped.toString() : entry);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return whole;
    }

    private static List<String> classpath(LocalInvoker invoker, String logicalId, Path bench, List<Path> extra) {
        List<String> entries = new ArrayList<>();
        invoker.functionClasspath(logicalId).forEach(p -> entries.add(p.toString()));
        extra.forEach(p -> entries.add(p.toString()));
        entries.add(bench.toString());
        return entries;
    }

    private Containers containers;

    private Run probe(Context context, LocalInvoker invoker, Function function, Variant variant, Map<String, String> overrides, Path classLog)
            throws IOException, InterruptedException {
        String log = containers.run(function.logicalId(), variant.name(), variant.handler(), variant.classpath(), variant.primed(),
                variant.templateJvmOptions() ? (variant.name().equals("trial") ? Optional.of(TRIAL_OPTIONS) : Optional.empty())
                        : Optional.of(""),
                Files.readAllBytes(context.repoRoot().resolve(function.event())), WARM_INVOCATIONS, overrides, Optional.ofNullable(classLog));
        String probeLine = log.lines().filter(l -> l.startsWith("PROBE ")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException(function.logicalId() + " (" + variant.name() + ") gave no probe line:\n" + log));
        JsonNode line = Json.MAPPER.readTree(probeLine.substring("PROBE ".length()));
        List<Double> warm = new ArrayList<>();
        line.path("warmMicros").forEach(w -> warm.add(w.asDouble() / 1000));
        if (warm.size() != WARM_INVOCATIONS) {
            throw new IllegalStateException(function.logicalId() + " (" + variant.name() + ") answered " + warm.size() + " warm invocations:\n" + log);
        }
        return new Run(line.path("initMicros").asDouble() / 1000, line.path("primedMicros").asDouble() / 1000,
                line.path("firstMicros").asDouble() / 1000, line.path("firstMicros").asDouble() / 1000, median(warm),
                line.path("nanoInit").asLong(), line.path("nanoPrimed").asLong(), line.path("nanoFirst").asLong());
    }

    /** A logged run and what it loaded. */
    private record Counted(Run run, Map<String, Long> counts) {
    }

    /** Classes loaded by init (construction and priming) and by the first invocation, from one logged run. */
    private Counted countClasses(Context context, LocalInvoker invoker, Function function, Variant variant, Map<String, String> overrides)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("cold-start-classes", ".log");
        try {
            Run run = probe(context, invoker, function, variant, overrides, log);
            long init = 0;
            long priming = 0;
            long first = 0;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                // "[<nanos>ns] <class> source: ..."
                int end = line.indexOf("ns]");
                if (!line.startsWith("[") || end < 0) {
                    continue;
                }
                long at = Long.parseLong(line.substring(1, end));
                if (at <= run.nanoInit()) {
                    init++;
                } else if (at <= run.nanoPrimed()) {
                    priming++;
                } else if (at <= run.nanoFirst()) {
                    first++;
                }
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("init", init);
            counts.put("priming", priming);
            counts.put("firstInvocation", first);
            return new Counted(run, counts);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private Report report(int runs, List<Function> functions, Map<String, Map<String, List<Run>>> timings,
                          Map<String, Map<String, Map<String, Long>>> classes, List<Run> floor, Map<String, Long> floorClasses) {
        List<Row> rows = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runs", runs);
        details.put("runtime", "the Lambda Java 21 image " + containers.image() + " (Runtime Interface Client, /var/runtime/bootstrap)");
        details.put("javaVersion", containers.javaVersion());
        details.put("floor", Map.of("totalMs", round(median(floor, Run::totalMs)), "classes", floorClasses));
        details.put("targets", Map.of("totalOursOverNaive", 0.8, "firstAfterPrimingOverWarm", 2.0));
        rows.add(new Row("cold start floor (empty handler), total ms", fmt(median(floor, Run::totalMs)), ""));
        Map<String, Object> perFunction = new LinkedHashMap<>();
        for (Function function : functions) {
            Map<String, List<Run>> byVariant = timings.get(function.logicalId());
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("event", function.event());
            for (var variant : byVariant.entrySet()) {
                List<Run> r = variant.getValue();
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("initMs", round(median(r, Run::initMs)));
                v.put("primingMs", round(median(r, run -> run.primedMs() - run.initMs())));
                v.put("firstInvocationMs", round(median(r, Run::firstInvocationMs)));
                v.put("warmInvocationMs", round(median(r, Run::warmMs)));
                v.put("totalMs", round(median(r, Run::totalMs)));
                v.put("classes", classes.get(function.logicalId()).get(variant.getKey()));
                v.put("totalMsEachRun", r.stream().map(run -> round(run.totalMs())).toList());
                v.put("initMsEachRun", r.stream().map(run -> round(run.initMs())).toList());
                v.put("firstInvocationMsEachRun", r.stream().map(run -> round(run.firstInvocationMs())).toList());
                f.put(variant.getKey(), v);
            }
            double oursTotal = median(byVariant.get("ours"), Run::totalMs);
            double naiveTotal = median(byVariant.get("naive"), Run::totalMs);
            double firstPrimed = median(byVariant.get("primed"), Run::firstInvocationMs);
            double warmPrimed = median(byVariant.get("primed"), Run::warmMs);
            double firstPlain = median(byVariant.get("ours"), Run::firstInvocationMs);
            double warmPlain = median(byVariant.get("ours"), Run::warmMs);
            f.put("totalOursOverNaive", round2(oursTotal / naiveTotal));
            f.put("firstOverWarmPrimed", round2(firstPrimed / warmPrimed));
            f.put("firstOverWarmUnprimed", round2(firstPlain / warmPlain));
            if (byVariant.containsKey("trial")) {
                double trialTotal = median(byVariant.get("trial"), Run::totalMs);
                f.put("trialJavaToolOptions", TRIAL_OPTIONS);
                f.put("totalTrialOverOurs", round2(trialTotal / oursTotal));
                rows.add(new Row(function.logicalId().replace("Function", "") + ": total trial/ours (ms)",
                        String.format("%.2f (%s/%s)", trialTotal / oursTotal, fmt(trialTotal), fmt(oursTotal)), ""));
            }
            perFunction.put(function.logicalId(), f);
            String name = function.logicalId().replace("Function", "");
            if (byVariant.containsKey("whole")) {
                rows.add(new Row(name + ": init ours/whole SDK (ms, min-max)",
                        spread(byVariant.get("ours"), Run::initMs) + " / " + spread(byVariant.get("whole"), Run::initMs), ""));
                rows.add(new Row(name + ": 1st call ours/whole SDK (ms, min-max)",
                        spread(byVariant.get("ours"), Run::firstInvocationMs) + " / " + spread(byVariant.get("whole"), Run::firstInvocationMs), ""));
                rows.add(new Row(name + ": 1st call primed ours/whole SDK (ms, min-max)",
                        spread(byVariant.get("primed"), Run::firstInvocationMs) + " / " + spread(byVariant.get("whole-primed"), Run::firstInvocationMs), ""));
            }
            rows.add(new Row(name + ": total ours/naive (ms)", String.format("%.2f (%s/%s)", oursTotal / naiveTotal, fmt(oursTotal), fmt(naiveTotal)), "<= 0.8"));
            rows.add(new Row(name + ": 1st/warm primed (ms)", String.format("%.1f (%s/%s)", firstPrimed / warmPrimed, fmt(firstPrimed), fmt(warmPrimed)), "<= 2"));
            rows.add(new Row(name + ": 1st/warm unprimed (ms)", String.format("%.1f (%s/%s)", firstPlain / warmPlain, fmt(firstPlain), fmt(warmPlain)), ""));
            rows.add(new Row(name + ": init ours/primed/naive (ms)", fmt(median(byVariant.get("ours"), Run::initMs)) + "/"
                    + fmt(median(byVariant.get("primed"), Run::primedMs)) + "/" + fmt(median(byVariant.get("naive"), Run::initMs)), ""));
            Map<String, Map<String, Long>> c = classes.get(function.logicalId());
            rows.add(new Row(name + ": classes by 1st call unprimed/primed/naive",
                    c.get("ours").get("firstInvocation") + "/" + c.get("primed").get("firstInvocation") + "/" + c.get("naive").get("firstInvocation"), ""));
        }
        details.put("functions", perFunction);
        return new Report(rows, details);
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        return median(runs.stream().map(value::applyAsDouble).toList());
    }

    /** "median [min-max]" of one figure over the runs. */
    private static String spread(List<Run> runs, ToDoubleFunction<Run> value) {
        List<Double> values = runs.stream().map(value::applyAsDouble).sorted().toList();
        return fmt(median(values)) + " [" + fmt(values.get(0)) + "-" + fmt(values.get(values.size() - 1)) + "]";
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }

    private static double round2(double ratio) {
        return Math.round(ratio * 100) / 100.0;
    }

    private static String fmt(double ms) {
        return Long.toString(Math.round(ms));
    }

    private static Path codeLocation() {
        try {
            return Path.of(ProbeHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The jars on the bench's own runtime classpath (its lib, or Maven's test classpath), by file name. */
    private static Map<String, Path> benchJars(Path benchClasses) {
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.getFileName() != null && path.getFileName().toString().endsWith(".jar")) {
                jars.putIfAbsent(path.getFileName().toString(), path);
            }
        }
        Path lib = benchClasses.resolveSibling("lib");
        try (Stream<Path> files = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
            files.forEach(path -> jars.putIfAbsent(path.getFileName().toString(), path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jars;
    }

    /** The Apache client's jars, which no function ships. */
    private static List<Path> apacheJars(Map<String, Path> benchJars) {
        List<Path> jars = benchJars.entrySet().stream()
                .filter(jar -> APACHE_JARS.stream().anyMatch(jar.getKey()::startsWith))
                .map(Map.Entry::getValue).sorted().toList();
        if (jars.size() < APACHE_JARS.size()) {
            throw new IllegalStateException("the Apache HTTP client's jars are not on the bench's classpath: " + jars);
        }
        return jars;
    }

    private static String sampleDay() throws IOException {
        try (InputStream in = HfStub.class.getResourceAsStream("/sample/daily_papers-2025-08-29.json")) {
            if (in == null) {
                throw new IllegalStateException("the sample day is missing from the local module's build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
