package dev.paperboy.bench;

import dev.paperboy.local.LocalInvoker;
import dev.paperboy.local.TestStack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What reading the keys secret adds to a cold start ({@code make bench ONLY=keys-cost}): fresh JVMs
 * started as Lambda's java21 runtime starts one ({@link KeysProbe}), against the local AWS with a
 * provisioned stack; medians of 7. Without SnapStart the init read is what a cold start pays; with
 * SnapStart the init read happens before the snapshot and a restore pays the afterRestore read.
 * The local AWS answers on loopback: the requests' network time in a region is larger (one
 * GetSecretValue is reported alone so it can be scaled), the CPU and class-loading part is the same.
 */
final class KeysCost implements Measurement {
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
        details.put("classesLoaded", Probes.median(results.stream().map(r -> (double) r.classes()).toList()));
        details.put("initReadMillis", Probes.round(Probes.median(results.stream().map(Run::initReadMillis).toList())));
        details.put("restoreReadMillis", Probes.round(Probes.median(results.stream().map(Run::restoreReadMillis).toList())));
        details.put("oneGetSecretValueMillis", Probes.round(Probes.median(results.stream().map(Run::oneGetSecretValueMillis).toList())));
        details.put("runs", results);
        details.put("jvm", LocalInvoker.LAMBDA_JVM_FLAGS);
        List<Row> rows = List.of(
                new Row("keys secret: cold start without SnapStart (ms, classes)",
                        details.get("initReadMillis") + ", " + ((Double) details.get("classesLoaded")).intValue(), ""),
                new Row("keys secret: read after a SnapStart restore (ms)", String.valueOf(details.get("restoreReadMillis")), ""),
                new Row("keys secret: one GetSecretValue, warm (ms, local AWS)", String.valueOf(details.get("oneGetSecretValueMillis")), ""));
        return new Report(rows, details);
    }

    private static Run probe(Map<String, String> env, Path out) throws IOException {
        List<String> flags = new ArrayList<>(List.of("-XX:ActiveProcessorCount=1", "-Xshare:auto"));
        flags.addAll(LocalInvoker.LAMBDA_JVM_FLAGS);
        Probes.Run run = Probes.run(KeysProbe.class, List.of(), flags, env, line -> false, out);
        List<Long> nanos = run.nanos();
        return new Run(run.classes(), nanos.get(0) / 1e6, nanos.get(1) / 1e6, nanos.get(2) / 1e6);
    }
}
