package dev.paperboy.render;

import dev.paperboy.paper.Paper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A made-up paper with every field set, so that every branch of the templates runs (SnapStart priming). */
public final class SamplePaper {
    private SamplePaper() {
    }

    public static Paper withEveryField() {
        return new Paper("1970.00001", "Priming", "An abstract.", List.of("A. Author", "B. Author"),
                Optional.of(Instant.EPOCH), Optional.of(Instant.EPOCH), 1, 1, Optional.of("A summary."), List.of("priming"),
                Optional.of("https://github.com/example/priming"), Optional.of(1), Optional.of("https://example.com/priming"),
                Optional.of("https://example.com/priming.png"), LocalDate.EPOCH);
    }
}
