package dev.paperboy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.paperboy.testkit.XmlChars.firstForbidden;

import dev.paperboy.subscriber.Period;
import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.Preferences;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplatesTest {
    /** U+FFFE, U+FFFF, C0 controls but tab, LF and CR, lone surrogates: what XML 1.0 forbids, and HTML parsers choke on. */
    private static final String FORBIDDEN = "\uFFFE\uFFFF\u0000\u0001\u0008\u000B\u000C\u001F\uDFFF\uD800";

    private static Paper odd() {
        return new Paper("2508.90001", "Ti" + FORBIDDEN + "tle \uD83D\uDE80", "An" + FORBIDDEN + " abstract. Two.", List.of("Zo" + FORBIDDEN + "e"),
                Optional.empty(), Optional.empty(), 5, 1, Optional.empty(), List.of("k" + FORBIDDEN), Optional.of("https://github.com/x" + FORBIDDEN),
                Optional.of(3), Optional.empty(), Optional.empty(), LocalDate.of(2025, 8, 29));
    }

    @Test
    void charactersXmlForbidsNeverLeaveInAPage() {
        String html = Pages.index(new Pages.Index("2025-08-29", "2025-08-28", "", PaperView.ranked(List.of(odd())), "q" + FORBIDDEN,
                PaperView.ranked(List.of(odd())), true, "notice" + FORBIDDEN, "error", "a" + FORBIDDEN + "@b.org", "kw" + FORBIDDEN));

        assertEquals(-1, firstForbidden(html), "at " + firstForbidden(html));
        assertTrue(html.contains("Title \uD83D\uDE80"), "what is allowed stays, surrogate pairs too");
    }

    @Test
    void charactersXmlForbidsNeverLeaveInADigest() {
        DigestRenderer.Links links = new DigestRenderer.Links("https://p.test/preferences?token=m1", "https://p.test/unsubscribe?token=u1",
                "https://p.test/digests/2025-08-29-daily?token=d1", "https://p.test/");
        RenderedDigest digest = new DigestRenderer().render(new Period(Preferences.Frequency.DAILY, LocalDate.of(2025, 8, 29)), List.of(odd()),
                new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of("kw" + FORBIDDEN), 5, 0), links);

        assertEquals(-1, firstForbidden(digest.html()), "html at " + firstForbidden(digest.html()));
        assertEquals(-1, firstForbidden(digest.text()), "text at " + firstForbidden(digest.text()));
        assertEquals(-1, firstForbidden(digest.subject()), "subject at " + firstForbidden(digest.subject()));
        assertTrue(digest.html().contains("Title \uD83D\uDE80"));
    }
}
