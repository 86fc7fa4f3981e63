package dev.paperboy.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PaperTest {
    static Paper paper(int upvotes, LocalDate firstListed) {
        return new Paper("2508.90001", "A Title", "An abstract.", List.of("A. Author"), Optional.empty(), Optional.empty(),
                upvotes, 2, Optional.of("Summary."), List.of("kw"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), firstListed);
    }

    @Test
    void theFingerprintIsStableAndIgnoresWhenThePaperWasFirstListed() {
        assertEquals(paper(10, LocalDate.of(2025, 8, 1)).fingerprint(), paper(10, LocalDate.of(2025, 8, 2)).fingerprint());
        assertEquals(22, paper(10, LocalDate.of(2025, 8, 1)).fingerprint().length());
    }

    @Test
    void theFingerprintChangesWithTheUpvotes() {
        assertNotEquals(paper(10, LocalDate.of(2025, 8, 1)).fingerprint(), paper(11, LocalDate.of(2025, 8, 1)).fingerprint());
    }

    @Test
    void linksAreBuiltFromTheArxivId() {
        Paper p = paper(1, LocalDate.of(2025, 8, 1));
        assertEquals("https://huggingface.co/papers/2508.90001", p.huggingFaceUrl());
        assertEquals("https://arxiv.org/abs/2508.90001", p.arxivUrl());
        assertEquals("https://arxiv.org/pdf/2508.90001", p.pdfUrl());
    }
}
