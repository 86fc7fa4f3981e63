package dev.paperboy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Ports;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

class MotoContainerIT {
    private final DockerClient docker = DockerClientFactory.instance().client();

    @Test
    void testsGetTheLocalAwsFromTheMotoImageOnLoopbackOnly() {
        TestStack stack = TestStack.provision();
        MotoContainer moto = MotoContainer.shared();

        var inspected = docker.inspectContainerCmd(moto.getContainerId()).exec();
        assertEquals(MotoContainer.imageName(TestStack.repoRoot()).asCanonicalNameString(), inspected.getConfig().getImage());
        Ports.Binding[] bindings = inspected.getNetworkSettings().getPorts().getBindings().values().iterator().next();
        for (Ports.Binding binding : bindings) {
            assertEquals("127.0.0.1", binding.getHostIp(), "published on loopback only");
        }
        assertTrue(inspected.getNetworkSettings().getNetworks().get(moto.networkName()).getAliases().contains("moto"));
        assertEquals(stack.aws().endpoint(), moto.endpoint());
        assertTrue(stack.aws().clients().dynamoDb().listTables().tableNames().contains(stack.name("PapersTable")));
    }

    /**
     * Without Ryuk, a JVM that ends without its shutdown hooks (killed) leaves its container: the
     * next start on this machine removes it. A JVM that ends normally leaves nothing.
     */
    @Test
    void containersOfTestJvmsThatDiedAreRemovedWithoutRyuk() throws Exception {
        Instant since = Instant.now();
        MotoContainer.shared(); // the image is there, and the first start's time is not the children's

        Process normal = child();
        long normalPid = normal.pid();
        normal.getOutputStream().close(); // the child ends once its stdin does
        assertEquals(0, normal.waitFor());
        int leftAfterNormalExit = countOwnedBy(normalPid);

        Process killed = child();
        long killedPid = killed.pid();
        killed.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        int leftAfterKill = countOwnedBy(killedPid);

        try (MotoContainer next = MotoContainer.start(TestStack.repoRoot())) {
            int leftAfterNextStart = countOwnedBy(killedPid);
            long pulls = events(since).stream().filter(e -> "pull".equals(e.getAction())).count();
            long ryuk = docker.listContainersCmd().withShowAll(true).exec().stream()
                    .filter(c -> c.getImage().contains("ryuk")).count();
            ReliabilityReport.record(new ReliabilityReport.Row("docker-tc-1-test-jvm-killed-without-ryuk",
                    "test JVMs end with their local AWS container running, Testcontainers' reaper (Ryuk) off",
                    "one test JVM ends normally; one is killed (SIGKILL) after its container started, so no shutdown hook runs",
                    ReliabilityReport.counts("leftAfterNormalExit", leftAfterNormalExit, "leftAfterKill", leftAfterKill,
                            "leftAfterNextStart", leftAfterNextStart, "imagePulls", pulls, "ryukContainers", ryuk),
                    "the normal end removed its container and network (shutdown hook); the killed JVM's were left"
                            + " until the next start on this machine removed them; no image was pulled, no Ryuk ran"));
            assertEquals(0, leftAfterNormalExit);
            assertEquals(2, leftAfterKill, "container and network left by a killed JVM");
            assertEquals(0, leftAfterNextStart);
            assertEquals(0, pulls);
            assertEquals(0, ryuk);
            assertTrue(next.isRunning());
        }
    }

    /** A JVM that starts its own local AWS, says "ready", and ends when its stdin does. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            MotoContainer.start(Path.of(args[0]));
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent
            }
        }
    }

    private static Process child() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), TestStack.repoRoot().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("ready")) {
            // the child's own lines
        }
        assertEquals("ready", line, "the child JVM did not start its local AWS");
        return process;
    }

    private int countOwnedBy(long pid) {
        String owner = MotoContainer.owner().replaceAll(":\\d+$", ":" + pid);
        int containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(java.util.Map.of(MotoContainer.OWNER_LABEL, owner)).exec().size();
        long networks = docker.listNetworksCmd().exec().stream()
                .filter(n -> n.getLabels() != null && owner.equals(n.getLabels().get(MotoContainer.OWNER_LABEL))).count();
        return containers + (int) networks;
    }

    private List<Event> events(Instant since) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        docker.eventsCmd()
                .withSince(String.valueOf(since.getEpochSecond()))
                .withUntil(String.valueOf(Instant.now().getEpochSecond() + 1))
                .withEventTypeFilter(EventType.IMAGE)
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        events.add(event);
                    }
                })
                .awaitCompletion(10, TimeUnit.SECONDS);
        return events;
    }
}
