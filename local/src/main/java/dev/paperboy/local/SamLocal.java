package dev.paperboy.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code sam build}, {@code sam local invoke} and {@code sam local start-api} as a SAM user runs
 * them: the functions in the Lambda Java 21 image (local/bin/lambda-image), on the Docker network
 * of the local AWS, with {@code --env-vars} resolved from the template against this stack's
 * resources. SAM runs through local/bin/sam, which keeps it from reaching beyond this machine.
 */
public final class SamLocal {
    /** Functions built in this JVM, by build directory: a module's zip does not change while its tests run. */
    private static final Set<String> BUILT = ConcurrentHashMap.newKeySet();
    private static volatile String architecture;

    private final Path root;
    private final Template template;
    private final LocalAws aws;
    private final Map<String, String> parameters;
    private final DockerNetwork network;
    private final Optional<Path> sharedBuild;
    /** For people (make): the env-vars and event files kept in .local-aws/sam-local, and each SAM command printed. */
    private final boolean forPeople;
    /** Added to the SAM process's own environment (not the function's). */
    private final Map<String, String> samEnvironment;

    /**
     * What {@code sam local invoke} gave back: the function's response (its error as Lambda shapes
     * one, if it failed) and what it logged, with SAM's own lines.
     */
    public record Invocation(String response, String logs, Duration elapsed) {
        /** False when the function threw: the response is then Lambda's {"errorType", "errorMessage"}. */
        public boolean succeeded() {
            try {
                JsonNode json = Json.MAPPER.readTree(response);
                return json != null && !(json.isObject() && json.has("errorType") && json.has("errorMessage"));
            } catch (IOException notJson) {
                return !response.isBlank();
            }
        }

        /**
         * From what `sam local invoke --log-file` wrote: the function's output, the REPORT line, then
         * the response on a line of its own; the runtime may log around it (its next-invocation call
         * fails as SAM stops the container).
         */
        static Invocation fromSamOutput(String logicalId, String samOutput, String log, Duration elapsed) {
            int report = log.lastIndexOf("\nREPORT RequestId:");
            if (report < 0) {
                throw new IllegalStateException("sam local invoke " + logicalId + " gave no response:\n" + samOutput + log);
            }
            List<String> after = log.substring(report + 1).lines().toList();
            String response = after.stream().filter(SamLocal::isJson).findFirst().orElseThrow(() -> new IllegalStateException(
                    "sam local invoke " + logicalId + " gave no JSON response:\n" + samOutput + log));
            List<String> rest = new ArrayList<>(after);
            rest.remove(response);
            return new Invocation(response.strip(), samOutput + log.substring(0, report + 1) + String.join("\n", rest), elapsed);
        }

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(response);
            } catch (IOException e) {
                throw new IllegalStateException("the function's response is not JSON: " + response + "\n" + logs, e);
            }
        }
    }

    /**
     * @param sharedBuild where `sam build` puts every function at once ({@code make run}); empty to
     *                    build each function alone into its module's target/sam (tests, where only
     *                    the module under test is packaged)
     */
    public SamLocal(Path root, Template template, LocalAws aws, Map<String, String> parameters, DockerNetwork network,
                    Optional<Path> sharedBuild) {
        this(root, template, aws, parameters, network, sharedBuild, false, Map.of());
    }

    private SamLocal(Path root, Template template, LocalAws aws, Map<String, String> parameters, DockerNetwork network,
                     Optional<Path> sharedBuild, boolean forPeople, Map<String, String> samEnvironment) {
        this.root = root;
        this.template = template;
        this.aws = aws;
        this.parameters = parameters;
        this.network = network;
        this.sharedBuild = sharedBuild;
        this.forPeople = forPeople;
        this.samEnvironment = Map.copyOf(samEnvironment);
    }

    /** The same, printing each SAM command it runs, with its files kept so the command can be run again by hand. */
    public SamLocal echoingCommands() {
        return new SamLocal(root, template, aws, parameters, network, sharedBuild, true, samEnvironment);
    }

    /** The same, with these variables in SAM's own environment (a proxy that catches outbound requests, say). */
    public SamLocal withSamEnvironment(Map<String, String> environment) {
        return new SamLocal(root, template, aws, parameters, network, sharedBuild, forPeople, environment);
    }

    public DockerNetwork network() {
        return network;
    }

    /** Runs the function once on the event, in a fresh container, as `sam local invoke` does. */
    public Invocation invoke(String logicalId, byte[] event, Map<String, String> overrides) {
        Path built = build(logicalId);
        Path work = workDir();
        try {
            Path eventFile = Files.write(work.resolve("event.json"), event);
            Path log = work.resolve("invoke.log");
            List<String> command = new ArrayList<>(List.of("local", "invoke", logicalId, "--template", built.toString(),
                    "--event", eventFile.toString(), "--log-file", log.toString()));
            command.addAll(runFlags(work, Map.of(logicalId, overrides)));
            int timeout = Integer.parseInt(template.string(template.functionProperties(logicalId), "Timeout").orElse("3"));
            long start = System.nanoTime();
            Processes.Finished run = sam(command, Duration.ofSeconds(timeout + 120L));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            String output = Files.exists(log) ? Files.readString(log) : "";
            if (run.exitCode() != 0) {
                throw new IllegalStateException("sam local invoke " + logicalId + " failed (exit " + run.exitCode() + "):\n" + run.output() + output);
            }
            Invocation invocation = Invocation.fromSamOutput(logicalId, run.output(), output, elapsed);
            if (forPeople) {
                java.util.regex.Matcher duration = java.util.regex.Pattern.compile("\tDuration: ([0-9.]+) ms").matcher(invocation.logs());
                System.err.printf("  (sam local invoke took %.1f s; the function, JVM start included, %s)%n", elapsed.toMillis() / 1000.0,
                        duration.find() ? duration.group(1) + " ms" : "?");
            }
            return invocation;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!forPeople) {
                deleteTree(work);
            }
        }
    }

    /**
     * {@code sam local start-api} on 127.0.0.1:port, with warm containers: the function's container
     * is started by the first request and kept for the next, as Lambda keeps an instance (LAZY: EAGER
     * would start one for every function in the template, API or not). Stop it with {@link Api#close()}.
     */
    public Api startApi(String logicalId, int port, Map<String, String> overrides, ProcessBuilder.Redirect output) {
        Path built = build(logicalId);
        Path work = workDir();
        List<String> command = new ArrayList<>(List.of("local", "start-api", "--template", built.toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--warm-containers", "LAZY"));
        command.addAll(runFlags(work, Map.of(logicalId, overrides)));
        ProcessBuilder builder = samProcess(command).redirectErrorStream(true).redirectOutput(output);
        try {
            echo(command);
            return new Api(builder.start(), port, network, forPeople ? Optional.empty() : Optional.of(work));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A running `sam local start-api`. */
    public static final class Api implements AutoCloseable {
        private final Process process;
        private final int port;
        private final DockerNetwork network;
        private final Optional<Path> work;

        Api(Process process, int port, DockerNetwork network, Optional<Path> work) {
            this.process = process;
            this.port = port;
            this.network = network;
            this.work = work;
        }

        public String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        /** Waits until the API answers (its warm container started); fails if SAM exits first. */
        public Api awaitReady(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("sam local start-api exited with " + process.exitValue());
                }
                try (var socket = new java.net.Socket("127.0.0.1", port)) {
                    return this;
                } catch (IOException notYet) {
                    Thread.sleep(250);
                }
            }
            throw new IllegalStateException("sam local start-api did not answer on port " + port + " within " + timeout);
        }

        public Process process() {
            return process;
        }

        /**
         * SIGTERM, which SAM's server handles by removing its warm containers (SIGINT may be ignored:
         * a process started in the background inherits SIGINT ignored, and Python then leaves it so).
         */
        @Override
        public void close() {
            try {
                if (process.isAlive()) {
                    process.destroy();
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            } finally {
                removeLeftContainers(network);
                work.ifPresent(SamLocal::deleteTree);
            }
        }
    }

    /** The flags every `sam local` command here takes: template parameters, environment, network, no pulls. */
    private List<String> runFlags(Path work, Map<String, Map<String, String>> overridesByFunction) {
        Map<String, Map<String, String>> env = new LinkedHashMap<>();
        overridesByFunction.forEach((logicalId, overrides) -> env.put(logicalId, environment(logicalId, overrides)));
        Path envFile = work.resolve("env.json");
        try {
            Files.write(envFile, Json.MAPPER.writeValueAsBytes(env));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("--env-vars", envFile.toString(), "--docker-network", network.name(), "--skip-pull-image",
                "--region", aws.region(), "--parameter-overrides", parameterOverrides());
    }

    /** Parameter overrides for sam local: this machine's architecture and the local AWS on the network. */
    private String parameterOverrides() {
        return "Architecture=" + architecture() + " LocalAwsEndpoint=" + network.awsEndpoint();
    }

    /**
     * The environment the template gives the function, resolved against this stack (table, bucket,
     * queue names; the signing key), then the overrides; the local AWS as the network sees it.
     * `sam local` passes only the variables the template declares.
     */
    public Map<String, String> environment(String logicalId, Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>(new LocalInvoker(root, template, aws, parameters).environment(logicalId, overrides));
        env.put("AWS_ENDPOINT_URL", network.awsEndpoint().toString());
        return env;
    }

    /** `sam build` of the function (or of all, for a shared build), once per JVM; returns the built template. */
    public Path build(String logicalId) {
        Path dir = sharedBuild.orElseGet(() -> root.resolve(template.string(template.functionProperties(logicalId), "CodeUri")
                .orElseThrow()).resolve("target/sam"));
        Path built = dir.resolve("template.yaml");
        String key = dir + (sharedBuild.isPresent() ? "" : "#" + logicalId);
        if (BUILT.contains(key)) {
            return built;
        }
        synchronized (BUILT) {
            if (!BUILT.contains(key)) {
                ensureImage();
                List<String> command = new ArrayList<>(List.of("build"));
                if (sharedBuild.isEmpty()) {
                    command.add(logicalId);
                }
                command.addAll(List.of("--template", root.resolve("template.yaml").toString(), "--build-dir", dir.toString(),
                        "--parameter-overrides", "Architecture=" + architecture()));
                Processes.Finished run = sam(command, Duration.ofMinutes(5));
                if (run.exitCode() != 0) {
                    throw new IllegalStateException("sam build failed (is the function packaged? `make build`):\n" + run.output());
                }
                BUILT.add(key);
            }
        }
        return built;
    }

    /** The Lambda Java 21 image, pulled or built once (local/bin/lambda-image). */
    private void ensureImage() {
        Processes.Finished run = run(List.of(root.resolve("local/bin/lambda-image").toString()), Map.of(), Duration.ofMinutes(10));
        if (run.exitCode() != 0) {
            throw new IllegalStateException("the Lambda Java 21 image could not be had:\n" + run.output());
        }
    }

    /** x86_64 or arm64: this machine's, so that nothing runs emulated. */
    public String architecture() {
        if (architecture == null) {
            Processes.Finished run = run(List.of(root.resolve("local/bin/lambda-image").toString(), "arch"), Map.of(), Duration.ofSeconds(30));
            architecture = run.output().strip();
        }
        return architecture;
    }

    private Processes.Finished sam(List<String> args, Duration timeout) {
        echo(args);
        List<String> command = new ArrayList<>(List.of(root.resolve("local/bin/sam").toString()));
        command.addAll(args);
        // The function Makefiles unpack the zip Maven already made rather than build again.
        Map<String, String> env = new LinkedHashMap<>(samEnvironment);
        env.put("PAPERBOY_PREBUILT", "1");
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        return run(command, env, timeout);
    }

    /** SAM itself asks STS for the account id: the local AWS, as this machine reaches it, answers. */
    private ProcessBuilder samProcess(List<String> args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("local/bin/sam").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().putAll(samEnvironment);
        builder.environment().put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        return builder;
    }

    private Processes.Finished run(List<String> command, Map<String, String> env, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        return Processes.run(builder, timeout);
    }

    /** SAM removes its containers when it ends normally; this removes any a killed SAM left on our network. */
    static void removeLeftContainers(DockerNetwork network) {
        String ids = DockerNetwork.docker("ps", "-aq", "--filter", "network=" + network.name(),
                "--filter", "label=sam.cli.container.type=lambda").strip();
        if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(List.of(ids.split("\\s+")));
            DockerNetwork.docker(rm.toArray(String[]::new));
        }
    }

    private static boolean isJson(String line) {
        try {
            return !line.isBlank() && Json.MAPPER.readTree(line) != null;
        } catch (IOException notJson) {
            return false;
        }
    }

    /** Where the env-vars and event files go: a fresh temporary directory, or for people one kept under .local-aws. */
    private Path workDir() {
        try {
            return forPeople ? Files.createDirectories(root.resolve(".local-aws/sam-local")) : Files.createTempDirectory("paperboy-sam");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void echo(List<String> args) {
        if (forPeople) {
            String line = String.join(" ", args.stream().map(a -> a.contains(" ") ? "\"" + a + "\"" : a)
                    .map(a -> a.replace(root + "/", "")).toList());
            System.err.println("$ local/bin/sam " + line);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans /tmp
        }
    }
}
