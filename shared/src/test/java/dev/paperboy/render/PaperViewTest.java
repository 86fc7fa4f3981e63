package dev.paperboy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaperViewTest {
    @Test
    void moreThanThreeAuthorsAreShortened() {
        assertEquals("A, B, C et al.", PaperView.shortAuthors(List.of("A", "B", "C", "D")));
        assertEquals("A, B", PaperView.shortAuthors(List.of("A", "B")));
    }

    @Test
    void withoutAnAiSummaryTheFirstTwoSentencesOfTheAbstractAreShown() {
        assertEquals("One. Two?", PaperView.firstSentences("One. Two? Three."));
        assertEquals("No full stop here", PaperView.firstSentences("No full stop here"));
        String long1 = "word ".repeat(100).strip() + ".";
        String cut = PaperView.firstSentences(long1);
        assertTrue(cut.length() <= 321 && cut.endsWith("…"), cut);
    }
}
