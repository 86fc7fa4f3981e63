package dev.paperboy.bench;

import dev.paperboy.local.LocalInvoker;
import dev.paperboy.local.TestStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What reading the keys secret adds to a cold start ({@code make bench ONLY=keys-cost}): fresh JVMs
 * started as Lambda's java21 runtime starts one ({@link KeysProbe}), against the local AWS with a
 * provisioned stack; medians of 7. Without SnapStart the init read is what a cold start pays; with
 * SnapStart the init read happens before the snapshot and a restore pays the afterRestore read.
 * The local AWS answers on loopback: the requests' network time in a region is larger (one
 * GetSecretValue is reported alone so it can be scaled), the CPU and class-loading part is the same.
 */
final class KeysCost implements Measurement {
    private static final String BEGIN = KeysProbe.class.getName() + "$Begin";
    private static final String END = KeysProbe.class.getName() + "$End";

    @Override
    public String name() {
        return "keys-cost";
    }

    record Run(int classes, double initReadMillis, double restoreReadMillis, double oneGetSecretValueMillis) {
    }

    @Override
    public Report run(Context context) throws Exception {
        int runs = context.smoke() ? 1 : 7;
        TestStack stack = TestStack.provision();
        List<Run> results = new ArrayList<>();
        try {
            Map<String, String> env = new LinkedHashMap<>(stack.aws().lambdaEnvironment());
            env.put("KEYS_SECRET", stack.name("KeysSecret"));
            env.put("SUBSCRIBERS_TABLE", stack.name("SubscribersTable"));
            for (int i = 0; i < runs; i++) {
                results.add(probe(env, context.out()));
            }
        } finally {
            Stacks.drop(stack);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("classesLoaded", median(results.stream().map(r -> (double) r.classes()).toList()));
        details.put("initReadMillis", round(median(results.stream().map(Run::initReadMillis).toList())));
        details.put("restoreReadMillis", round(median(results.stream().map(Run::restoreReadMillis).toList())));
        details.put("oneGetSecretValueMillis", round(median(results.stream().map(Run::oneGetSecretValueMillis).toList())));
        details.put("runs", results);
        details.put("jvm", LocalInvoker.LAMBDA_JVM_FLAGS);
        List<Row> rows = List.of(
                new Row("keys secret: cold start without SnapStart (ms, classes)",
                        details.get("initReadMillis") + ", " + ((Double) details.get("classesLoaded")).intValue(), ""),
                new Row("keys secret: read after a SnapStart restore (ms)", String.valueOf(details.get("restoreReadMillis")), ""),
                new Row("keys secret: one GetSecretValue, warm (ms, local AWS)", String.valueOf(details.get("oneGetSecretValueMillis")), ""));
        return new Report(rows, details);
    }

    private static Run probe(Map<String, String> env, Path out) throws IOException, InterruptedException {
        Path log = Files.createTempFile(out, "classload-keys", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=1", "-Xshare:auto", "-Xlog:class+load=info:file=" + log));
        command.addAll(LocalInvoker.LAMBDA_JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KeysProbe.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        // A probe that hangs must not hang `make bench`.
        java.util.concurrent.CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS).execute(process::destroyForcibly);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keys probe failed: " + err);
        }
        String[] nanos = err.lines().filter(l -> l.startsWith("probe-nanos ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no timing from the probe: " + err)).substring(12).strip().split(" ");
        int classes = 0;
        boolean counting = false;
        boolean ended = false;
        for (String l : Files.readAllLines(log)) {
            if (l.contains(" " + BEGIN + " ")) {
                counting = true;
            } else if (l.contains(" " + END + " ")) {
                ended = true;
                break;
            } else if (counting) {
                classes++;
            }
        }
        Files.deleteIfExists(log);
        if (!ended || classes == 0) {
            throw new IllegalStateException("the keys probe left no marks in its class-load log");
        }
        return new Run(classes, Long.parseLong(nanos[0]) / 1e6, Long.parseLong(nanos[1]) / 1e6, Long.parseLong(nanos[2]) / 1e6);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
