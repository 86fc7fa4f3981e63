package dev.paperboy.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
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

    @Test
    void aStoredDateOutsideYears1To9999ReadsBackAsNoDate() {
        // Items stored before dates were checked can hold one; reading must not pass it on to a feed.
        Paper stored = new Paper("2508.90001", "A Title", "An abstract.", List.of(), Optional.of(Instant.parse("+10000-01-01T00:00:00Z")),
                Optional.of(Instant.parse("-0001-01-01T00:00:00Z")), 1, 0, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), LocalDate.of(2025, 8, 29));

        Paper read = PaperRepository.throughItem(stored);

        assertEquals(Optional.empty(), read.publishedAt());
        assertEquals(Optional.empty(), read.listedAt());
        assertEquals("A Title", read.title());
    }
}
