package dev.paperboy.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreferencesTest {
    @Test
    void keywordsAreCommaSeparatedTrimmedFoldedAndDeduplicated() {
        assertEquals(List.of("diffusion", "reinforcement learning", "llm"),
                Preferences.keywords(" Diffusion ,  reinforcement   Learning,,LLM, diffusion "));
    }

    @Test
    void tooManyOrTooLongKeywordsAreRefusedWithAClearMessage() {
        assertEquals("Keywords are too long: at most 10 of up to 60 characters.",
                assertThrows(InvalidInputException.class, () -> Preferences.keywords("a".repeat(10_000))).getMessage());
        assertThrows(InvalidInputException.class, () -> Preferences.keywords("x".repeat(61)));
        assertThrows(InvalidInputException.class, () -> Preferences.keywords("a,b,c,d,e,f,g,h,i,j,k"));
        assertThrows(InvalidInputException.class, () -> Preferences.keywords("<script>"));
        assertThrows(InvalidInputException.class, () -> Preferences.keywords("nul\u0000byte"));
        assertEquals(List.of("line break"), Preferences.keywords("line\r\nbreak"), "line breaks fold to a space like other runs of white space");
    }

    @Test
    void formValuesOverrideTheBaseAndBlankOnesKeepIt() {
        Preferences p = Preferences.fromForm(Optional.of("weekly"), Optional.of("friday"), Optional.of("agents"),
                Optional.of(" 5 "), Optional.of(""), Preferences.defaults());
        assertEquals(new Preferences(Preferences.Frequency.WEEKLY, DayOfWeek.FRIDAY, List.of("agents"), 5, 0), p);
    }

    @Test
    void badFormValuesSayWhatIsWrong() {
        Preferences base = Preferences.defaults();
        assertEquals("Choose daily or weekly.", assertThrows(InvalidInputException.class, () -> Preferences.fromForm(
                Optional.of("hourly"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), base)).getMessage());
        assertEquals("Papers per mail must be between 1 and 50.", assertThrows(InvalidInputException.class, () -> Preferences.fromForm(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("500"), Optional.empty(), base)).getMessage());
        assertEquals("Minimum upvotes must be a whole number.", assertThrows(InvalidInputException.class, () -> Preferences.fromForm(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("lots"), base)).getMessage());
    }
}
