package dev.paperboy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Docker network the local AWS's container is on, as the functions' containers see it: its
 * name (for {@code sam local --docker-network}) and the local AWS's address on it. Containers on it
 * reach this machine at the network's gateway address, where the Hugging Face stand-in listens.
 */
public record DockerNetwork(String name, URI awsEndpoint) {

    /**
     * The network named by PAPERBOY_DOCKER_NETWORK, with the local AWS at PAPERBOY_DOCKER_AWS_ENDPOINT
     * (default http://moto:5000: moto's port under the alias the project gives its container).
     */
    public static Optional<DockerNetwork> fromEnvironment() {
        String name = setting("PAPERBOY_DOCKER_NETWORK");
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String endpoint = setting("PAPERBOY_DOCKER_AWS_ENDPOINT");
        return Optional.of(new DockerNetwork(name, URI.create(endpoint == null || endpoint.isBlank() ? "http://moto:5000" : endpoint)));
    }

    private static String setting(String name) {
        return System.getProperty(name, System.getenv(name));
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
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
