package dev.paperboy.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The local AWS in a container: the moto image ({@code motoserver/moto:<the version
 * local/requirements.txt pins>}), on a Docker network of its own where other containers (the
 * functions under {@code sam local}) reach it as {@code http://moto:5000}, its port published on
 * 127.0.0.1 only. {@link #shared()} is Testcontainers' singleton-container pattern: one per JVM,
 * started on first use, removed when the JVM ends.
 *
 * <p>Ryuk, Testcontainers' reaper, runs from an image that cannot be had where no registry answers,
 * so this class cleans up itself: a shutdown hook removes the container and network, and each
 * start first removes those of JVMs on this machine that ended without running theirs (killed).
 */
public final class MotoContainer extends GenericContainer<MotoContainer> {
    public static final int PORT = 5000;
    public static final String NETWORK_ALIAS = "moto";
    /** Marks what this class starts, with the JVM that owns it, for the clean-up of dead JVMs' leftovers. */
    static final String OWNER_LABEL = "dev.paperboy.local-aws.owner";
    private static final Pattern MOTO_PIN = Pattern.compile("(?m)^moto\\[server]==(\\S+)");

    private static MotoContainer shared;
    private static Duration sharedStartTime = Duration.ZERO;

    private final Network network;

    private MotoContainer(DockerImageName image, Network network) {
        super(image);
        this.network = network;
        withNetwork(network);
        withNetworkAliases(NETWORK_ALIAS);
        withExposedPorts(PORT);
        withLabel(OWNER_LABEL, owner());
        withEnv("AWS_EC2_METADATA_DISABLED", "true");
        // Testcontainers publishes on every interface; the local AWS answers this machine only.
        withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(PORT))));
        // The dashboard page answers once the server does (data.json would dump every resource).
        waitingFor(Wait.forHttp("/moto-api/").forStatusCode(200).withStartupTimeout(Duration.ofSeconds(90)));
    }

    /** The JVM's local AWS, started on first call. */
    public static synchronized MotoContainer shared() {
        if (shared == null) {
            long start = System.nanoTime();
            MotoContainer container = start(TestStack.repoRoot());
            sharedStartTime = Duration.ofNanos(System.nanoTime() - start);
            System.err.printf("local AWS: %s started in %d ms at %s (network %s)%n", container.getDockerImageName(),
                    sharedStartTime.toMillis(), container.endpoint(), container.networkName());
            shared = container;
        }
        return shared;
    }

    /** How long {@link #shared()} took to have the container answer (image check, clean-up, start). */
    public static synchronized Duration sharedStartTime() {
        return sharedStartTime;
    }

    /** A container of its own, started, that the JVM's end removes; {@link #close()} removes it sooner. */
    public static MotoContainer start(Path repoRoot) {
        DockerClient docker = docker();
        removeLeftoversOfDeadJvms(docker);
        DockerImageName image = ensureImage(docker, repoRoot);
        Network network = Network.builder()
                .createNetworkCmdModifier(cmd -> cmd.withLabels(Map.of(OWNER_LABEL, owner())))
                .build();
        MotoContainer container = new MotoContainer(image, network);
        Runtime.getRuntime().addShutdownHook(new Thread(container::close, "local-aws-stop"));
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw e;
        }
        return container;
    }

    /** Where this machine reaches it: http://127.0.0.1:port. */
    public URI endpoint() {
        String host = getHost();
        return URI.create("http://" + ("localhost".equals(host) ? "127.0.0.1" : host) + ":" + getMappedPort(PORT));
    }

    /** Where containers on {@link #networkName()} reach it. */
    public URI networkEndpoint() {
        return URI.create("http://" + NETWORK_ALIAS + ":" + PORT);
    }

    /** The Docker network it is on, for {@code sam local --docker-network}. */
    public String networkName() {
        return docker().inspectNetworkCmd().withNetworkId(network.getId()).exec().getName();
    }

    @Override
    public void close() {
        stop();
        network.close();
    }

    /** The image local/requirements.txt pins: the moto .venv has is the moto the tests run. */
    public static DockerImageName imageName(Path repoRoot) {
        Path requirements = repoRoot.resolve("local/requirements.txt");
        try {
            Matcher pin = MOTO_PIN.matcher(Files.readString(requirements));
            if (!pin.find()) {
                throw new IllegalStateException("no moto[server]==<version> line in " + requirements);
            }
            return DockerImageName.parse("motoserver/moto:" + pin.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The image, pulled or built by local/bin/images if the engine lacks it: where no registry
     * answers, Testcontainers' own pull would fail.
     */
    private static DockerImageName ensureImage(DockerClient docker, Path repoRoot) {
        DockerImageName image = imageName(repoRoot);
        try {
            docker.inspectImageCmd(image.asCanonicalNameString()).exec();
            return image;
        } catch (NotFoundException absent) {
            runImagesScript(repoRoot);
            return image;
        }
    }

    /** Builds the image (minutes the first time); its progress goes to our stderr as it comes. */
    private static void runImagesScript(Path repoRoot) {
        ProcessBuilder builder = new ProcessBuilder(repoRoot.resolve("local/bin/images").toString(), "moto")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Processes.Finished finished = Processes.run(builder, Duration.ofMinutes(30));
        if (!finished.succeeded()) {
            throw new IllegalStateException("local/bin/images moto failed (exit " + finished.exitCode() + ")");
        }
    }

    private static DockerClient docker() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("no Docker engine answers: start one (local/bin/engine does, as root on Linux;"
                    + " elsewhere Docker Desktop or Docker Engine), then run the tests again");
        }
        return DockerClientFactory.instance().client();
    }

    /** host:pid of this JVM: the label that tells whose a container is. */
    static String owner() {
        return hostName() + ":" + ProcessHandle.current().pid();
    }

    /** Containers and networks of JVMs on this machine that are gone: what Ryuk would have removed. */
    static int removeLeftoversOfDeadJvms(DockerClient docker) {
        int removed = 0;
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(OWNER_LABEL)).exec();
        for (Container container : containers) {
            if (ownerIsGone(container.getLabels().get(OWNER_LABEL))) {
                docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
                removed++;
            }
        }
        for (var network : docker.listNetworksCmd().exec()) {
            String label = Optional.ofNullable(network.getLabels()).map(l -> l.get(OWNER_LABEL)).orElse(null);
            if (label != null && ownerIsGone(label)) {
                try {
                    docker.removeNetworkCmd(network.getId()).exec();
                    removed++;
                } catch (RuntimeException stillInUse) {
                    // a container of a live JVM joined it; its owner's end removes it
                }
            }
        }
        return removed;
    }

    private static boolean ownerIsGone(String owner) {
        if (owner == null) {
            return false;
        }
        int colon = owner.lastIndexOf(':');
        if (colon < 0 || !owner.substring(0, colon).equals(hostName())) {
            return false; // another machine's, through a shared engine: not ours to judge
        }
        long pid = Long.parseLong(owner.substring(colon + 1));
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
