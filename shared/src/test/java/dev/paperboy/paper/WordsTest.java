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
    void compatibilityFormsReadAsTheirLetters() {
        assertEquals(List.of("fine", "tuning"), Words.of("ﬁne-tuning"), "a ligature pasted from a PDF");
        assertEquals(List.of("gpt", "4"), Words.of("ＧＰＴ-４"), "full width");
        assertEquals(Words.of("fine-tuning"), Words.of("Fine-Tuning"));
    }

    @Test
    void otherScriptsKeepTheMarksThatMakeTheirLetters() {
        assertEquals(1, Words.of("ガス").size(), "one word: " + Words.of("ガス"));
        assertEquals(false, Words.of("ガス").equals(Words.of("カス")), "the voicing mark makes another letter");
        assertEquals(1, Words.of("कुल").size(), "one word: " + Words.of("कुल"));
        assertEquals(false, Words.of("कुल").equals(Words.of("कल")), "a Devanagari vowel sign is a vowel");
        assertEquals(Words.of("ελληνικά"), Words.of("ΕΛΛΗΝΙΚΆ"), "Greek accents go as Latin ones do");
    }

    @Test
    void wordsAreRunsOfLettersAndNumbers() {
        assertEquals(List.of("gpt", "4o", "vision", "language", "x2"), Words.of("GPT-4o: vision-language (x²)!"));
        assertEquals(List.of(), Words.of("!!! --"));
    }
}
