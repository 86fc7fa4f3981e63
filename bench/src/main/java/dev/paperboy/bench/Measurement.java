package dev.paperboy.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * One figure family of `make bench`. Each writes its own JSON (target/bench/&lt;name&gt;.json) and
 * gives rows for the printed table; {@code smoke} asks for one short iteration (BenchSmokeTest).
 */
public interface Measurement {
    String name();

    Report run(Context context) throws Exception;

    /** Where results go, the checkout (for the template, the build output and the local AWS), and the mode. */
    record Context(Path out, Path repoRoot, boolean smoke) {}

    /** A printed line: what, the measured result, and the target it is held to ("" if none). */
    record Row(String what, String result, String target) {}

    /** Rows for the table, and the details written as JSON. */
    record Report(List<Row> rows, Object details) {}
}
