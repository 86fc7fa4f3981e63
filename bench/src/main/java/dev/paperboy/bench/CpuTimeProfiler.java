package dev.paperboy.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Operations per second of CPU the forked JVM used (all its threads: the benchmark, GC, JIT), and
 * the share of a core it got. On a machine other processes share, JMH's score (per second of wall
 * time) counts the time the benchmark waited for a core; this figure does not, so it is what one
 * core of our own would do.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "operations per CPU-second of the forked JVM, and the share of a core it got";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        long ops = result.getMetadata().getAllOps();
        return List.of(new ScalarResult("cpu.ops", cpuSeconds > 0 ? ops / cpuSeconds : Double.NaN, "ops/cpu-s", AggregationPolicy.AVG),
                new ScalarResult("cpu.share", cpuSeconds / wallSeconds, "cores", AggregationPolicy.AVG));
    }
}
