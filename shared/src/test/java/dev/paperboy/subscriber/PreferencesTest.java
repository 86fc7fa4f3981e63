package dev.paperboy.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
        Preferences p = Preferences.fromForm(form(Map.of("frequency", "weekly", "weeklyDay", "friday", "keywords", "agents",
                "maxPapers", " 5 ", "minUpvotes", "")), Preferences.defaults());
        assertEquals(new Preferences(Preferences.Frequency.WEEKLY, DayOfWeek.FRIDAY, List.of("agents"), 5, 0), p);
    }

    @Test
    void badFormValuesSayWhatIsWrong() {
        Preferences base = Preferences.defaults();
        assertEquals("Choose daily or weekly.", refusal(Map.of("frequency", "hourly")));
        assertEquals("Papers per mail must be between 1 and 50.", refusal(Map.of("maxPapers", "500")));
        assertEquals("Minimum upvotes must be a whole number.", refusal(Map.of("minUpvotes", "lots")));
        assertEquals("The hour must be between 0 and 23.", refusal(Map.of("hour", "24")));
        assertEquals("Choose a time zone by its name, such as Europe/Berlin.", refusal(Map.of("timeZone", "+02:00")));
        assertEquals("Choose a time zone by its name, such as Europe/Berlin.", refusal(Map.of("timeZone", "Mars/Olympus")));
        assertEquals("Choose mail, feed, or both.", refusal(Map.of("delivery", "pigeon")));
        assertEquals("At most 20 authors.", refusal(Map.of("followedAuthors", "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u")));
    }

    @Test
    void theNewFieldsAreReadAndDefaultAsBefore() {
        Preferences before = Preferences.defaults();
        assertEquals(7, before.hour());
        assertEquals(ZoneId.of("America/New_York"), before.zone());
        assertEquals(Preferences.Delivery.BOTH, before.delivery());
        Preferences p = Preferences.fromForm(form(Map.of("excludedTopics", "Robotics, medical  imaging", "followedAuthors",
                " Ada  Lovelace, ada lovelace, Émile Borel ", "delivery", "feed", "hour", "18", "timeZone", "Europe/Berlin")), before);
        assertEquals(List.of("robotics", "medical imaging"), p.excludedTopics());
        assertEquals(List.of("Ada Lovelace", "Émile Borel"), p.followedAuthors(), "names keep their case; a repeat in another case is dropped");
        assertEquals(Preferences.Delivery.FEED, p.delivery());
        assertEquals(18, p.hour());
        assertEquals(ZoneId.of("Europe/Berlin"), p.zone());
        assertEquals(List.of(), Preferences.fromForm(form(Map.of("excludedTopics", "")), p).excludedTopics(), "an empty list clears");
        assertEquals(p, Preferences.fromForm(form(Map.of()), p), "fields left out keep what they were");
    }

    private static Function<String, Optional<String>> form(Map<String, String> fields) {
        return name -> Optional.ofNullable(fields.get(name));
    }

    private static String refusal(Map<String, String> fields) {
        return assertThrows(InvalidInputException.class, () -> Preferences.fromForm(form(fields), Preferences.defaults())).getMessage();
    }
}
