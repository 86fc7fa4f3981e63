package dev.paperboy.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void caseAndAccentsFoldAway() {
        assertEquals("evaluation naive bayes uberblick", Words.fold("Évaluation NAÏVE Bayes Überblick"));
        assertEquals(List.of("evaluation"), Words.of("E\u0301valuation"), "an accent written as a combining mark too");
    }

    @Test
    void lettersNfdDoesNotSplitAreFoldedByHand() {
        assertEquals(List.of("lukasz", "sorensen", "strasse", "aesop", "oeuvre", "istanbul"),
                Words.of("Łukasz Sørensen Straße Æsop Œuvre İstanbul"));
    }

    @Test
    void wordsAreRunsOfLettersAndNumbers() {
        assertEquals(List.of("gpt", "4o", "vision", "language", "x²"), Words.of("GPT-4o: vision-language (x²)!"));
        assertEquals(List.of(), Words.of("!!! --"));
    }
}
