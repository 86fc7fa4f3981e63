package dev.paperboy.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the handler that template.yaml names for a function in a fresh JVM on this machine, started
 * with Lambda's java21 flags, with the function's build output as its classpath and the template's
 * environment resolved against the local AWS. People and the sample-event tests run functions
 * through SAM (SamLocal); this remains for the measurements and fault tests that need the
 * function's process here: a fault proxy or stub on loopback (HuggingFaceRateLimitIT), a GC log
 * (PlannerScale), a load test of one handler (SubscribeLoadIT); and for the template's resolved
 * environment, which SamLocal and in-process tests use.
 */
public final class LocalInvoker {
    /** What Lambda's java21 runtime starts the JVM with: C1 only, serial GC. */
    public static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * How Lambda's Java runtime splits the function's memory: 85% heap, 10% metaspace, 5% code
     * cache. A function that would run out of memory on Lambda runs out here too, rather than
     * growing into this machine's RAM.
     */
    public static List<String> lambdaMemoryFlags(int memorySizeMb) {
        long kb = memorySizeMb * 1024L;
        return List.of("-XX:MaxHeapSize=" + kb * 85 / 100 + "k", "-XX:MaxMetaspaceSize=" + kb * 10 / 100 + "k",
                "-XX:ReservedCodeCacheSize=" + kb * 5 / 100 + "k");
    }

    private final Path repoRoot;
    private final Template template;
    private final LocalAws aws;
    private final Map<String, String> parameterOverrides;

    public record Invocation(int exitCode, String response, String logs) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    public LocalInvoker(Path repoRoot, Template template, LocalAws aws, Map<String, String> parameterOverrides) {
        this.repoRoot = repoRoot;
        this.template = template;
        this.aws = aws;
        this.parameterOverrides = parameterOverrides;
    }

    /** The environment Lambda would give the function: template variables, then the overrides. */
    public Map<String, String> environment(String logicalId, Map<String, String> overrides) {
        Map<String, Object> properties = template.functionProperties(logicalId);
        References references = new References(template, aws, parameterOverrides);
        Map<String, String> env = new LinkedHashMap<>(aws.lambdaEnvironment());
        env.put("AWS_LAMBDA_FUNCTION_NAME", aws.physicalName(logicalId));
        Map<String, Object> variables = Template.mapOf(Template.mapOf(properties.get("Environment")).get("Variables"));
        variables.forEach((name, value) -> {
            String resolved = references.resolve(value);
            if (resolved != null) {
                env.put(name, resolved);
            }
        });
        env.putAll(overrides);
        return env;
    }

    public Invocation invoke(String logicalId, byte[] event, Map<String, String> overrides) {
        int timeoutSeconds = timeoutSeconds(logicalId);
        ProcessBuilder builder = process(logicalId, LambdaRunner.class,
                List.of(handler(logicalId), Integer.toString(timeoutSeconds), aws.physicalName(logicalId)), overrides);
        // The function's answer is its stdout, its log its stderr (LambdaRunner).
        Processes.Finished finished = Processes.run(builder, event, Duration.ofSeconds(timeoutSeconds + 30L));
        return new Invocation(finished.exitCode(), finished.output(), finished.errors());
    }

    /**
     * Starts an HTTP API function behind a local HTTP server on loopback (our stand-in for
     * {@code sam local start-api}); the process runs until it is destroyed.
     */
    public Process serve(String logicalId, int port, Map<String, String> overrides, ProcessBuilder.Redirect output) {
        return serve(logicalId, port, overrides, output, true);
    }

    /** As above; without {@code mailFiles} the mail stays in the local SES, not also copied to out/mail/. */
    public Process serve(String logicalId, int port, Map<String, String> overrides, ProcessBuilder.Redirect output, boolean mailFiles) {
        List<String> args = new ArrayList<>(List.of(handler(logicalId), Integer.toString(port)));
        if (mailFiles) {
            args.add(repoRoot.resolve("out").toString());
        }
        ProcessBuilder builder = process(logicalId, ApiServer.class, args, overrides);
        builder.redirectErrorStream(true).redirectOutput(output);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The handler class the template names for a function. */
    public String handlerClass(String logicalId) {
        return handler(logicalId).split("::")[0];
    }

    /** The memory the template gives the function, in MB (Lambda's default if none). */
    public int memorySizeMb(String logicalId) {
        return Integer.parseInt(template.string(template.functionProperties(logicalId), "MemorySize").orElse("128"));
    }

    /** The function's build output: its classes and its runtime jars, as the deployed zip holds them. */
    public List<Path> functionClasspath(String logicalId) {
        Path code = repoRoot.resolve(template.string(template.functionProperties(logicalId), "CodeUri")
                .orElseThrow(() -> new IllegalArgumentException(logicalId + " has no CodeUri")));
        Path classes = code.resolve("target/classes");
        if (!Files.isDirectory(classes) || !Files.isDirectory(code.resolve("target/lib"))) {
            throw new IllegalStateException(logicalId + " is not built: no " + classes + " and target/lib (run `make build`)");
        }
        try (var jars = Files.list(code.resolve("target/lib"))) {
            List<Path> entries = new ArrayList<>(List.of(classes));
            entries.addAll(jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList());
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String handler(String logicalId) {
        return template.string(template.functionProperties(logicalId), "Handler")
                .orElseThrow(() -> new IllegalArgumentException(logicalId + " has no Handler"));
    }

    private int timeoutSeconds(String logicalId) {
        return Integer.parseInt(template.string(template.functionProperties(logicalId), "Timeout").orElse("3"));
    }

    /** A fresh JVM as Lambda's java21 runtime starts one, the function's build output as classpath. */
    private ProcessBuilder process(String logicalId, Class<?> main, List<String> args, Map<String, String> overrides) {
        Path code = repoRoot.resolve(template.string(template.functionProperties(logicalId), "CodeUri")
                .orElseThrow(() -> new IllegalArgumentException(logicalId + " has no CodeUri")));
        Path classes = code.resolve("target/classes");
        if (!Files.isDirectory(classes) || !Files.isDirectory(code.resolve("target/lib"))) {
            throw new IllegalStateException(logicalId + " is not built: no " + classes + " and target/lib (run `make build`)");
        }
        String classpath = String.join(File.pathSeparator, classes.toString(),
                code.resolve("target/lib").toString() + File.separator + "*", runnerClasspath());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(LAMBDA_JVM_FLAGS);
        command.addAll(lambdaMemoryFlags(memorySizeMb(logicalId)));
        command.addAll(List.of("-cp", classpath, main.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(environment(logicalId, overrides));
        return builder;
    }

    private static String runnerClasspath() {
        try {
            return Path.of(LambdaRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
