package dev.paperboy.bench.coldstart;

import dev.paperboy.local.LocalInvoker;
import dev.paperboy.local.Processes;
import dev.paperboy.local.SamLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Cold starts in the Lambda Java 21 image: each run a fresh container of SAM's emulator image (ours
 * plus its runtime interface emulator, as `sam local invoke` starts it), the variant's classpath
 * mounted as /var/task, the image's own /var/runtime/bootstrap started by the emulator, invoked over
 * the emulator's port on 127.0.0.1. The container is removed after each run.
 */
final class Containers {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path work;
    private final SamLocal sam;
    private final LocalInvoker invoker;
    private final Map<String, Path> tasks = new HashMap<>();
    private String awsHost;

    Containers(Path work, SamLocal sam, LocalInvoker invoker) {
        this.work = work;
        this.sam = sam;
        this.invoker = invoker;
    }

    /** SAM's emulator image for this machine, built by `sam local invoke` on the Lambda Java 21 image. */
    String image() {
        return "public.ecr.aws/lambda/java:21-rapid-" + sam.architecture();
    }

    String javaVersion() {
        return docker(List.of("run", "--rm", "--entrypoint", "java", image(), "-XshowSettings:properties", "-version"), Duration.ofMinutes(1))
                .lines().filter(l -> l.strip().startsWith("java.runtime.version")).map(l -> l.split("=", 2)[1].strip())
                .findFirst().orElse("unknown");
    }

    /**
     * One cold start and {@code warm} warm invocations; returns the container's log (the probe's
     * lines among it). {@code javaToolOptions}: empty for the template's, else what replaces them.
     */
    String run(String logicalId, String variant, String handler, List<String> classpath, boolean primed,
               Optional<String> javaToolOptions, byte[] event, int warm, Map<String, String> overrides, Optional<Path> classLog)
            throws IOException, InterruptedException {
        Path task = task(logicalId + "-" + variant, classpath);
        Path probe = Files.createDirectories(work.resolve("probe"));
        Files.deleteIfExists(probe.resolve("classes.log"));
        Map<String, String> env = new HashMap<>(sam.environment(logicalId, overrides));
        String probeHandler = ProbeHandler.class.getName() + "::handleRequest";
        env.put("_HANDLER", probeHandler);
        env.put("AWS_LAMBDA_FUNCTION_HANDLER", probeHandler);
        env.put("AWS_LAMBDA_FUNCTION_NAME", logicalId);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(invoker.memorySizeMb(logicalId)));
        env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", "600");
        env.put("PROBE_HANDLER", handler);
        env.put("PROBE_PRIMED", Boolean.toString(primed));
        String options = javaToolOptions.orElse(env.getOrDefault("JAVA_TOOL_OPTIONS", ""));
        if (classLog.isPresent()) {
            options = (options + " -Xlog:class+load=info:file=/probe/classes.log:timenanos").strip();
        }
        env.remove("JAVA_TOOL_OPTIONS");
        if (!options.isBlank()) {
            env.put("JAVA_TOOL_OPTIONS", options);
        }
        List<String> command = new ArrayList<>(List.of("run", "-d", "--network", sam.network().name(), "--add-host", awsHost(),
                "--memory", invoker.memorySizeMb(logicalId) + "m", "-p", "127.0.0.1::8080",
                "-v", task + ":/var/task:ro", "-v", probe + ":/probe", "--entrypoint", "/var/rapid/aws-lambda-rie"));
        env.forEach((name, value) -> command.addAll(List.of("-e", name + "=" + value)));
        // The bootstrap's start, just before it execs the JVM: the probe counts from there.
        command.addAll(List.of(image(), "/bin/sh", "-c", "export PROBE_T0_MICROS=$(date +%s%6N); exec /var/runtime/bootstrap"));
        // The engine may warn first (no IPv4 forwarding, as ours runs): the id is the last line.
        String id = docker(command, Duration.ofMinutes(1)).strip().lines().reduce((a, b) -> b).orElseThrow();
        try {
            URI invoke = URI.create("http://" + docker(List.of("port", id, "8080/tcp"), Duration.ofSeconds(30)).lines().findFirst().orElseThrow().strip()
                    + "/2015-03-31/functions/function/invocations");
            for (int i = 0; i <= warm; i++) {
                HttpResponse<String> response = post(invoke, event);
                if (response.statusCode() != 200 || response.body().contains("\"errorType\"")) {
                    throw new IllegalStateException(logicalId + " (" + variant + ") failed: " + response.body() + "\n" + logs(id));
                }
            }
            // Docker collects the container's output on its own time: wait for the last invocation's probe line.
            String logs = logs(id);
            for (int tries = 0; tries < 100 && logs.lines().filter(l -> l.startsWith("PROBE ")).count() <= warm; tries++) {
                Thread.sleep(100);
                logs = logs(id);
            }
            if (classLog.isPresent()) {
                docker(List.of("stop", "-t", "5", id), Duration.ofSeconds(30)); // the JVM flushes its log as it exits
                Files.move(probe.resolve("classes.log"), classLog.get(), StandardCopyOption.REPLACE_EXISTING);
            }
            return logs;
        } finally {
            docker(List.of("rm", "-f", id), Duration.ofSeconds(30));
        }
    }

    /**
     * The local AWS's name on the network and its address, looked up once: under load Docker's
     * embedded DNS was seen to time out on it mid-run (every SDK retry failing to resolve it).
     */
    private String awsHost() {
        if (awsHost == null) {
            String name = sam.network().awsEndpoint().getHost();
            String line = docker(List.of("run", "--rm", "--network", sam.network().name(), "--entrypoint", "getent", image(), "hosts", name),
                    Duration.ofMinutes(1)).lines().filter(l -> l.strip().endsWith(name) && Character.isDigit(l.charAt(0)))
                    .findFirst().orElseThrow(() -> new IllegalStateException(name + " does not resolve on " + sam.network().name()));
            awsHost = name + ":" + line.strip().split("\\s+")[0];
        }
        return awsHost;
    }

    /** The emulator answers once it listens; the first POST starts the runtime and waits for its answer. */
    private static HttpResponse<String> post(URI invoke, byte[] event) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return HTTP.send(HttpRequest.newBuilder(invoke).timeout(Duration.ofMinutes(5))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException notListeningYet) {
                if (System.nanoTime() > deadline) {
                    throw notListeningYet;
                }
                Thread.sleep(50);
            }
        }
    }

    /** /var/task for a classpath: classes at the top, jars in lib/, as Lambda unpacks a function's zip. */
    private Path task(String name, List<String> classpath) {
        return tasks.computeIfAbsent(name, n -> {
            Path dir = work.resolve("task").resolve(n);
            try {
                deleteTree(dir);
                Files.createDirectories(dir.resolve("lib"));
                for (String entry : classpath) {
                    Path path = Path.of(entry);
                    if (Files.isDirectory(path)) {
                        copyTree(path, dir);
                    } else {
                        Files.copy(path, dir.resolve("lib").resolve(path.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static String logs(String id) {
        return docker(List.of("logs", id), Duration.ofSeconds(30));
    }

    private static String docker(List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(args);
        return Processes.output(new ProcessBuilder(command).redirectErrorStream(true), timeout);
    }
}
