package dev.paperboy.local;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Docker network the local AWS's container is on, as the functions' containers see it: its
 * name (for {@code sam local --docker-network}) and the local AWS's address on it. Containers on it
 * reach this machine at the network's gateway address, where the Hugging Face stand-in listens.
 */
public record DockerNetwork(String name, URI awsEndpoint) {

    /** Where containers on the network reach the local AWS: moto's port under the alias its container has. */
    public static final URI AWS_ON_NETWORK = URI.create("http://moto:5000");

    /** The network the Makefile's local AWS is on (LOCAL_AWS_NETWORK, see local/bin/emulator). */
    public static Optional<DockerNetwork> fromEnvironment() {
        String name = System.getProperty("LOCAL_AWS_NETWORK", System.getenv("LOCAL_AWS_NETWORK"));
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(new DockerNetwork(name, AWS_ON_NETWORK));
    }

    /** This machine's address on the network: what a function's container calls to reach a server here. */
    public String gateway() {
        String address = docker("network", "inspect", "--format", "{{range .IPAM.Config}}{{.Gateway}}{{end}}", name).strip();
        if (address.isEmpty()) {
            throw new IllegalStateException("Docker network " + name + " has no gateway address");
        }
        return address;
    }

    static String docker(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return Processes.output(new ProcessBuilder(command).redirectErrorStream(true), Duration.ofSeconds(60));
    }
}
