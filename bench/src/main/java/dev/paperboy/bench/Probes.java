package dev.paperboy.bench;

import dev.paperboy.local.Processes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The cost benches' child JVMs (KeysProbe, MetricsProbe): a fresh JVM with only the given
 * environment, as Lambda starts one, its class loading logged. What it loaded between its
 * {@link Begin} and {@link End} marks is the work's own; it prints its nanoseconds last on stderr
 * as {@code probe-nanos <n>...}.
 */
final class Probes {
    /** A probe that hangs must not hang `make bench`. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Probes() {
    }

    /** Loaded right before the work measured: a mark in the class-load log. */
    static final class Begin {
        static long now() {
            return System.nanoTime();
        }
    }

    /** Loaded right after it. */
    static final class End {
        static long now() {
            return System.nanoTime();
        }
    }

    /**
     * One probe run. {@code classes} and {@code jars}: loaded between the marks (jars only those
     * nothing before the marks had used); {@code millisToLine}: from starting the process to the first
     * stdout line {@code awaited} accepts, and that line (empty if none came).
     */
    record Run(List<Long> nanos, int classes, Set<String> jars, double millisToLine, String line) {
    }

    static Run run(Class<?> probe, List<String> args, List<String> jvmFlags, Map<String, String> environment,
                   Predicate<String> awaited, Path out) throws IOException {
        Path log = Files.createTempFile(out, "classload-" + probe.getSimpleName(), ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), probe.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        String[] line = {""};
        long[] lineAt = {0};
        long start = System.nanoTime();
        Processes.Finished finished = Processes.run(builder, TIMEOUT, l -> {
            if (line[0].isEmpty() && awaited.test(l)) {
                lineAt[0] = System.nanoTime();
                line[0] = l;
            }
        });
        String err = finished.errors();
        if (!finished.succeeded()) {
            throw new IllegalStateException(probe.getSimpleName() + " failed: " + err);
        }
        List<Long> nanos = err.lines().filter(l -> l.startsWith("probe-nanos ")).findFirst()
                .map(l -> List.of(l.substring(12).strip().split(" ")).stream().map(Long::parseLong).toList())
                .orElseThrow(() -> new IllegalStateException("no timing from " + probe.getSimpleName() + ": " + err));
        Run run = classLoads(Files.readAllLines(log), nanos, line[0].isEmpty() ? 0 : (lineAt[0] - start) / 1e6, line[0]);
        Files.deleteIfExists(log);
        if (run.classes() == 0) {
            throw new IllegalStateException(probe.getSimpleName() + " left no marks in its class-load log");
        }
        return run;
    }

    /** The classes between the marks, and the jars they came from that nothing before the marks had used. */
    private static Run classLoads(List<String> log, List<Long> nanos, double millisToLine, String line) {
        String begin = " " + Begin.class.getName() + " ";
        String end = " " + End.class.getName() + " ";
        int classes = 0;
        boolean counting = false;
        boolean ended = false;
        Set<String> jars = new LinkedHashSet<>();
        Set<String> before = new LinkedHashSet<>();
        for (String l : log) {
            if (l.contains(begin)) {
                counting = true;
                continue;
            }
            if (l.contains(end)) {
                ended = true;
                break;
            }
            if (counting) {
                classes++;
            }
            int at = l.indexOf("source: ");
            if (at >= 0) {
                jar(l.substring(at + 8)).ifPresent(counting ? jars::add : before::add);
            }
        }
        jars.removeAll(before);
        return new Run(nanos, ended ? classes : 0, jars, millisToLine, line);
    }

    /** A class-load source naming a jar ("file:/x.jar" or "jar:file:/x.jar!/..."), as a path. */
    private static Optional<String> jar(String source) {
        String s = source.strip();
        if (s.startsWith("jar:")) {
            s = s.substring(4);
        }
        int bang = s.indexOf('!');
        if (bang >= 0) {
            s = s.substring(0, bang);
        }
        if (!s.startsWith("file:") || !s.endsWith(".jar")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(URI.create(s)).toString());
    }

    /** The middle run of an odd count (the benches run 7, or 1 in the smoke test). */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
