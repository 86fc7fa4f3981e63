package dev.paperboy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The sample events of one function (events/&lt;function&gt;/*.json), each run through `sam local invoke`. */
public final class SampleEvents {
    private SampleEvents() {
    }

    /** Invokes the function once per sample file, in name order; returns each file's invocation. */
    public static Map<String, SamLocal.Invocation> invokeAll(TestStack stack, String logicalId, String eventsDir,
                                                             Map<String, String> overrides) {
        SamLocal sam = stack.sam();
        Map<String, SamLocal.Invocation> results = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(stack.root().resolve(eventsDir))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                results.put(file.getFileName().toString(), sam.invoke(logicalId, Files.readAllBytes(file), overrides));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (results.isEmpty()) {
            throw new IllegalStateException("no sample events in " + eventsDir);
        }
        return results;
    }
}
