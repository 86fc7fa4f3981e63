package dev.paperboy.bench;

import dev.paperboy.digest.Ranker;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Ranking + rendering, personalised digests per second on one core: {@link DigestBenchmark} under
 * JMH, in a forked JVM that sees one processor (so also one GC and one JIT thread's worth of
 * ergonomics), as one Lambda vCPU would. The headline is per core-second ({@link CpuTimeProfiler}):
 * the machine `make bench` runs on is often shared, and JMH's own score, per wall second, then
 * also counts the time spent waiting for a core; both are reported.
 */
final class RankingThroughput implements Measurement {
    static final int TARGET = 20_000;

    @Override
    public String name() {
        return "ranking";
    }

    @Override
    public Report run(Context context) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(DigestBenchmark.class.getName() + "\\.")
                .forks(1)
                .jvmArgs(forkArgs())
                .addProfiler(CpuTimeProfiler.class)
                .shouldFailOnError(true)
                .verbosity(context.smoke() ? VerboseMode.SILENT : VerboseMode.NORMAL);
        options = context.smoke()
                ? options.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(300))
                : options.warmupIterations(10).warmupTime(TimeValue.seconds(1)).measurementIterations(5).measurementTime(TimeValue.seconds(2));
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, Object> perBenchmark = new LinkedHashMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark().substring(DigestBenchmark.class.getName().length() + 1);
            var primary = result.getPrimaryResult();
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("perSecond", Math.round(primary.getScore()));
            figure.put("error99", Double.isNaN(primary.getScoreError()) ? null : Math.round(primary.getScoreError()));
            figure.put("iterations", primary.getStatistics().getN());
            figure.put("perCpuSecond", Math.round(result.getSecondaryResults().get("cpu.ops").getScore()));
            figure.put("coreShare", Math.round(result.getSecondaryResults().get("cpu.share").getScore() * 100) / 100.0);
            // Each iteration, to tell a slow machine from a slow build: a shared core gives uneven ones.
            figure.put("perCpuSecondByIteration", result.getBenchmarkResults().stream()
                    .flatMap(b -> b.getIterationResults().stream())
                    .map(i -> Math.round(i.getSecondaryResults().get("cpu.ops").getScore())).toList());
            perBenchmark.put(method, figure);
        }
        DigestWorkload workload = DigestWorkload.create();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("digestsPerCoreSecond", figure(perBenchmark, "digest", "perCpuSecond"));
        details.put("digestsPerSecondWall", figure(perBenchmark, "digest", "perSecond"));
        details.put("mailsPerCoreSecond", figure(perBenchmark, "mail", "perCpuSecond"));
        details.put("ranksPerCoreSecond", figure(perBenchmark, "rank", "perCpuSecond"));
        details.put("benchmarks", perBenchmark);
        details.put("papersPerDay", workload.day().size());
        details.put("papersPerMail", DigestWorkload.PAPERS_PER_MAIL);
        details.put("subscribers", workload.subscribers().size());
        details.put("subscribersWithoutMatch", withoutMatch(workload));
        details.put("subscribersLeavingOutTopics", workload.subscribers().stream().filter(p -> !p.excludedTopics().isEmpty()).count());
        details.put("subscribersFollowingAuthors", workload.subscribers().stream().filter(p -> !p.followedAuthors().isEmpty()).count());
        details.put("jmh", context.smoke() ? "smoke: 1 fork, no warm-up, 1 x 300 ms" : "1 fork, 10 x 1 s warm-up, 5 x 2 s measured");
        details.put("jvm", "-XX:ActiveProcessorCount=1 -Xmx256m, " + Runtime.version());
        details.put("target", TARGET);
        return new Report(List.of(
                new Row("ranking + rendering, digests per core-second", figure(perBenchmark, "digest", "perCpuSecond").toString(), ">= " + TARGET),
                new Row("  the same per wall second (JMH score, core share " + figure(perBenchmark, "digest", "coreShare") + ")",
                        figure(perBenchmark, "digest", "perSecond").toString(), ""),
                new Row("  + MIME message (sender's per-mail work), per core-second", figure(perBenchmark, "mail", "perCpuSecond").toString(), ""),
                new Row("  ranking only, per core-second", figure(perBenchmark, "rank", "perCpuSecond").toString(), "")), details);
    }

    private static String[] forkArgs() {
        List<String> args = new java.util.ArrayList<>(List.of("-XX:ActiveProcessorCount=1", "-Xms256m", "-Xmx256m"));
        if (Runtime.version().feature() >= 23) {
            args.add("--sun-misc-unsafe-memory-access=allow"); // JMH's field offsets; only a warning on 23+, unknown before
        }
        return args.toArray(String[]::new);
    }

    @SuppressWarnings("unchecked")
    private static Object figure(Map<String, Object> perBenchmark, String method, String key) {
        Object figure = perBenchmark.get(method);
        if (figure == null) {
            throw new IllegalStateException("JMH gave no result for DigestBenchmark." + method);
        }
        return ((Map<String, Object>) figure).get(key);
    }

    /** Subscribers whose keywords match nothing that day: ranked, but no mail rendered. */
    private static long withoutMatch(DigestWorkload workload) {
        Ranker.Corpus corpus = Ranker.prepare(workload.day());
        return workload.subscribers().stream()
                .filter(p -> Ranker.rank(corpus, p, Set.<String>of()).isEmpty())
                .count();
    }
}
