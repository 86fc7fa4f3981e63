package dev.paperboy.trim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** A jar read whole into memory, in its entry order, so that it can be written back with fewer entries. */
record Jar(Path path, List<Jar.Entry> entries) {
    /** One entry; {@code time} is kept so that a rewritten jar is byte-for-byte the same on every build. */
    record Entry(String name, long time, byte[] bytes) {
        boolean isClass() {
            return name.endsWith(".class") && !name.startsWith("META-INF/");
        }

        /** The class's internal name (a/b/C), for a class entry. */
        String className() {
            return name.substring(0, name.length() - ".class".length());
        }
    }

    static Jar read(Path path) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                if (!entry.isDirectory()) {
                    entries.add(new Entry(entry.getName(), entry.getTime(), zip.getInputStream(entry).readAllBytes()));
                }
            }
        }
        return new Jar(path, entries);
    }

    /** Replaces the jar on disk with the entries {@code keep} accepts, {@code replace}d where it says. */
    void rewrite(Predicate<Entry> keep, java.util.function.Function<Entry, byte[]> replace) throws IOException {
        Path temporary = path.resolveSibling(path.getFileName() + ".trimming");
        try (OutputStream file = Files.newOutputStream(temporary); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Entry entry : entries) {
                if (keep.test(entry)) {
                    ZipEntry out = new ZipEntry(entry.name());
                    out.setTime(entry.time());
                    zip.putNextEntry(out);
                    zip.write(replace.apply(entry));
                    zip.closeEntry();
                }
            }
        }
        Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
