package dev.paperboy.trim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The last trim's output (target/sdk-trim), reused while its inputs are the same: the function's
 * classes, every jar copied to target/lib, and this tool. Most builds change none of
 * them, and hashing them takes a fraction of the time trimming does.
 */
final class TrimCache {
    private final Path lib;
    private final Path directory;
    private final String key;

    TrimCache(Path lib, Path classes) throws IOException {
        this.lib = lib;
        this.directory = lib.resolveSibling("sdk-trim");
        this.key = key(lib, classes);
    }

    /** Puts the cached trimmed jars over target/lib's; false if there are none for these inputs. */
    boolean restore() throws IOException {
        Path keyFile = directory.resolve("key");
        if (!Files.isRegularFile(keyFile) || !Files.readString(keyFile).equals(key)) {
            return false;
        }
        for (Path jar : list(directory.resolve("jars"))) {
            Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return true;
    }

    void save(List<Path> trimmed) throws IOException {
        Path jars = directory.resolve("jars");
        Files.deleteIfExists(directory.resolve("key"));
        if (Files.isDirectory(jars)) {
            for (Path old : list(jars)) {
                Files.delete(old);
            }
        }
        Files.createDirectories(jars);
        for (Path jar : trimmed) {
            Files.copy(jar, jars.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(directory.resolve("key"), key);
    }

    private static String key(Path lib, Path classes) throws IOException {
        MessageDigest digest = sha256();
        for (String tool : List.of("SdkTrim", "ClassRefs", "ClientPruner", "Jar", "TrimCache")) {
            try (InputStream in = TrimCache.class.getResourceAsStream(tool + ".class")) {
                digest.update(in.readAllBytes());
            }
        }
        for (Path jar : list(lib)) {
            String name = jar.getFileName().toString();
            if (name.contains("-SNAPSHOT")) {
                // Rebuilt by every build, with new times in it: its entries are what count.
                List<Jar.Entry> entries = Jar.read(jar).entries().stream().sorted(Comparator.comparing(Jar.Entry::name)).toList();
                for (Jar.Entry entry : entries) {
                    add(digest, name + "!" + entry.name(), entry.bytes());
                }
            } else {
                // A released version's jar never changes: its name and size say which it is.
                digest.update((name + "\0" + Files.size(jar) + "\0").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (Files.isDirectory(classes)) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    add(digest, classes.relativize(file).toString(), Files.readAllBytes(file));
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void add(MessageDigest digest, String name, byte[] bytes) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(bytes);
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
