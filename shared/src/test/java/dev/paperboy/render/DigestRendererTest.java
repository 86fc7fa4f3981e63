package dev.paperboy.render;

import dev.paperboy.paper.Paper;
import dev.paperboy.paper.Papers;
import dev.paperboy.subscriber.Period;
import static dev.paperboy.paper.Papers.paper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.subscriber.Preferences;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class DigestRendererTest {
    private static final DigestRenderer.Links LINKS = new DigestRenderer.Links("https://p.test/preferences?token=m1",
            "https://p.test/unsubscribe?token=u1", "https://p.test/digests/2025-08-29-daily?token=d1", "https://p.test/");
    private static final Preferences DAILY = new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of("agents"), 5, 0);
    private static final Period FRIDAY = new Period(Preferences.Frequency.DAILY, LocalDate.of(2025, 8, 29));

    @Test
    void theSubjectStatesTheDateAndTheTopPaperOnOneLine() {
        RenderedDigest digest = new DigestRenderer().render(FRIDAY, List.of(
                paper("2508.00001", "Agents\r\nBcc: x@y.z Everywhere", "a.", 9, List.of()), paper("2508.00002", "Two", "b.", 1, List.of())),
                DAILY, LINKS);

        assertEquals("Daily Papers, Fri 29 Aug 2025: Agents Bcc: x@y.z Everywhere and 1 more", digest.subject());
        assertEquals(List.of("2508.00001", "2508.00002"), digest.paperIds());
    }

    @Test
    void bothPartsCarryThePapersAndTheLinksAndSayWhyTheReaderGetsIt() {
        RenderedDigest digest = new DigestRenderer().render(FRIDAY, List.of(paper("2508.00001", "Agents", "An abstract. Two.", 9, List.of())),
                DAILY, LINKS);

        for (String part : List.of(digest.text(), digest.html())) {
            assertTrue(part.contains("https://huggingface.co/papers/2508.00001"), part);
            assertTrue(part.contains("https://p.test/unsubscribe?token=u1"));
            assertTrue(part.contains("https://p.test/preferences?token=m1"));
            assertTrue(part.contains("papers matching agents"));
        }
        assertTrue(digest.html().contains("View in browser"));
    }

    @Test
    void theWebCopyShowsTheSamePapersWithoutAnyLinkThatActsForTheSubscriber() {
        RenderedDigest digest = new DigestRenderer().render(FRIDAY, List.of(paper("2508.00001", "Agents", "An abstract. Two.", 9, List.of())),
                DAILY, LINKS);

        String web = digest.webHtml();
        assertTrue(web.contains("https://huggingface.co/papers/2508.00001"), web);
        assertTrue(web.contains("papers matching agents"));
        assertTrue(web.contains("href=\"https://p.test/\""), "the home page, which acts for nobody");
        for (String acting : List.of("unsubscribe", "preferences", "token=", "View in browser")) {
            assertFalse(web.contains(acting), "the web copy carries " + acting);
        }
    }

    @Property(tries = 300)
    void noTitleEverReachesTheHtmlUnescaped(@ForAll String title) {
        String safeTitle = title.isBlank() ? "x" : title;
        String html = new DigestRenderer().render(FRIDAY, List.of(paper("2508.00001", safeTitle + "<i>", "a.", 1, List.of())), DAILY, LINKS).html();

        assertFalse(html.contains(safeTitle + "<i>"), "the title's markup is escaped");
        assertTrue(html.contains("&lt;i&gt;"));
    }

    @Test
    void aWeeklyDigestCoversTheSevenDaysUpToItsDate() {
        Period week = new Period(Preferences.Frequency.WEEKLY, LocalDate.of(2025, 8, 29));
        assertEquals(LocalDate.of(2025, 8, 23), week.days().get(0));
        assertEquals(7, week.days().size());
        assertEquals(week, Period.parse(week.id()));
        RenderedDigest digest = new DigestRenderer().render(week, List.of(paper("2508.00001", "T", "a.", 1, List.of())),
                new Preferences(Preferences.Frequency.WEEKLY, DayOfWeek.FRIDAY, List.of(), 5, 0), LINKS);
        assertTrue(digest.html().contains("Sat 23 Aug 2025 – Fri 29 Aug 2025"), digest.html());
        assertTrue(digest.text().contains("weekly digest on Friday, the most upvoted papers"));
    }

    @Test
    void aPaperByAFollowedAuthorIsMarkedWithTheNameAsThePaperSpellsIt() {
        Paper byAda = new Paper("2508.00001", "Engines", "An abstract.", List.of("Ada Lovelace", "Charles Babbage", "Émile O'Brien"),
                Optional.empty(), Optional.empty(), 9, 0, Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), LocalDate.of(2025, 8, 29));
        Preferences following = DAILY.withFollowedAuthors(List.of("a. lovelace", "Emile O’Brien", "Alan Turing"))
                .withExcludedTopics(List.of("robotics", "medical imaging"));

        RenderedDigest digest = new DigestRenderer().render(FRIDAY, List.of(byAda, paper("2508.00002", "Other", "b.", 1, List.of())),
                following, LINKS);

        assertTrue(digest.text().contains("   Ada Lovelace, Charles Babbage, Émile O'Brien\n   * by Ada Lovelace and Émile O'Brien, "
                + "whom you follow\n"), digest.text());
        assertTrue(digest.html().contains("★ by Ada Lovelace and Émile O'Brien, whom you follow</div>"), digest.html());
        assertTrue(digest.webHtml().contains("★ by Ada Lovelace and Émile O'Brien, whom you follow</div>"));
        assertEquals(1, digest.html().split("whom you follow", -1).length - 1, "the other paper is not marked");
        for (String part : List.of(digest.text(), digest.html())) {
            assertTrue(part.contains("papers matching agents, first those of authors you follow, leaving out papers about robotics, medical imaging."),
                    part);
        }
    }

    @Test
    void withoutFollowedAuthorsNothingIsMarked() {
        Paper byAda = new Paper("2508.00001", "Engines", "An abstract.", List.of("Ada Lovelace"), Optional.empty(), Optional.empty(), 9, 0,
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), LocalDate.of(2025, 8, 29));

        RenderedDigest digest = new DigestRenderer().render(FRIDAY, List.of(byAda), DAILY, LINKS);

        assertFalse(digest.text().contains("whom you follow"));
        assertFalse(digest.html().contains("whom you follow"));
        assertTrue(digest.text().contains("papers matching agents.\n"));
    }

    @Test
    void severalNamesReadAsASentence() {
        assertEquals("Ada", DigestRenderer.inWords(List.of("Ada")));
        assertEquals("Ada and Alan", DigestRenderer.inWords(List.of("Ada", "Alan")));
        assertEquals("Ada, Alan and Grace", DigestRenderer.inWords(List.of("Ada", "Alan", "Grace")));
    }

    /** oneLine skips its two patterns when they would change nothing: the same subject either way. */
    @Property(tries = 400)
    void aSubjectIsFlattenedAsItsTwoPatternsSay(@ForAll @Chars({' ', '\n', '\t', '\r', '\u000b', '\f', '\u2028', '\u2029', '\u007f',
            '\u0085', '\u2003', '\u00a0', 'a', 'é'}) @StringLength(max = 130) String spaced, @ForAll String any) {
        for (String text : List.of(spaced, any)) {
            String flat = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").replaceAll("\\s+", " ").strip();
            assertEquals(flat.length() <= 110 ? flat : flat.substring(0, 109).strip() + "…", DigestRenderer.oneLine(text));
        }
    }
}
