package dev.paperboy.paper;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Papers made up for digest tests. */
public final class Papers {
    private Papers() {
    }

    public static Paper paper(String id, String title, String abstractText, int upvotes, List<String> keywords) {
        return new Paper(id, title, abstractText, List.of("A. Author"), Optional.empty(), Optional.empty(), upvotes, 0,
                Optional.empty(), keywords, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                LocalDate.of(2025, 8, 29));
    }
}
