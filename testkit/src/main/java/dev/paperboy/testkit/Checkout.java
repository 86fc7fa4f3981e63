package dev.paperboy.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's checkout, for tests and local tools that read its files or write reports under it. */
public final class Checkout {
    private Checkout() {
    }

    /** Maven passes it to tests (paperboy.repo.root); run from elsewhere, it is the first directory up with template.yaml. */
    public static Path root() {
        String configured = System.getProperty("paperboy.repo.root");
        if (configured != null && Files.exists(Path.of(configured, "template.yaml"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
}
