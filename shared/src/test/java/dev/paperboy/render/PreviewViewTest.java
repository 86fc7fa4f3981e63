package dev.paperboy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.paper.Paper;
import dev.paperboy.paper.Papers;
import dev.paperboy.subscriber.Preferences;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the preview on the preferences page says where its papers come from, how many match, and why there are none. */
class PreviewViewTest {
    private static final LocalDate TUESDAY = LocalDate.of(2025, 12, 2);

    @Test
    void oneListIsNamedByItsDayAndSaysWhenItIsStillFillingUp() {
        assertEquals("From the list of Tuesday 2 December 2025.", PreviewView.source(List.of(new PreviewView.Source(TUESDAY, false))));
        assertEquals("From the list of Tuesday 2 December 2025, still filling up.",
                PreviewView.source(List.of(new PreviewView.Source(TUESDAY, true))));
    }

    @Test
    void aWeeksListsAreNamedByTheirFirstAndLastDay() {
        List<PreviewView.Source> week = List.of(new PreviewView.Source(TUESDAY.minusDays(6), false),
                new PreviewView.Source(TUESDAY.minusDays(1), false), new PreviewView.Source(TUESDAY, true));
        List<PreviewView.Source> acrossTheYear = List.of(new PreviewView.Source(LocalDate.of(2025, 12, 29), false),
                new PreviewView.Source(LocalDate.of(2026, 1, 2), false));

        assertEquals("From the 3 lists of Wednesday 26 November to Tuesday 2 December 2025; the list of Tuesday 2 December is still "
                + "filling up.", PreviewView.source(week));
        assertEquals("From the 2 lists of Monday 29 December 2025 to Friday 2 January 2026.", PreviewView.source(acrossTheYear));
    }

    @Test
    void theCountSaysHowManyMatchAndHowManyAMailCarries() {
        assertEquals("1 paper matches your settings.", PreviewView.count(1, 1));
        assertEquals("12 papers match your settings; a digest carries the first 10.", PreviewView.count(10, 12));
        assertEquals(Preferences.MAX_PAPERS + " or more papers match your settings; a digest carries the first 10.",
                PreviewView.count(10, Preferences.MAX_PAPERS));
        assertEquals("", PreviewView.count(0, 0), "an empty preview says why instead");
    }

    @Test
    void theFragmentShowsThePapersEscapedOrWhyThereAreNone() {
        Paper marked = Papers.paper("2508.00001", "Robots <b>That</b> Read", "Reading robots.", 80, List.of("robots"));

        String papers = Pages.preview(PreviewView.of(List.of(new PreviewView.Source(TUESDAY, false)), List.of(marked), 1, Optional.empty(), List.of()));
        String empty = Pages.preview(PreviewView.of(List.of(new PreviewView.Source(TUESDAY, false)), List.of(), 0,
                Optional.of("No paper in these lists matches your keywords."), List.of()));
        String refused = Pages.preview(PreviewView.refused("Papers per mail must be between 1 and 50."));

        assertTrue(papers.contains("Robots &lt;b&gt;That&lt;/b&gt; Read"), papers);
        assertTrue(papers.contains("<article class=\"paper\">"), "drawn as the pages draw a paper");
        assertTrue(empty.contains("<p class=\"why\">No paper in these lists matches your keywords.</p>"), empty);
        assertFalse(empty.contains("<article"));
        assertTrue(refused.contains("<p class=\"notice error\">Papers per mail must be between 1 and 50.</p>"), refused);
    }

    @Test
    void aPaperByAFollowedAuthorIsMarkedAsTheDigestMarksIt() {
        Paper followed = Papers.paper("2508.00002", "Engines", "Analytical engines.", 3, List.of());
        Paper other = Papers.paper("2508.00003", "Looms", "Jacquard looms.", 90, List.of());

        String html = Pages.preview(PreviewView.of(List.of(new PreviewView.Source(TUESDAY, false)), List.of(followed, other), 2,
                Optional.empty(), List.of("a author")));

        String notFollowed = Pages.preview(PreviewView.of(List.of(new PreviewView.Source(TUESDAY, false)), List.of(followed, other), 2,
                Optional.empty(), List.of("Grace Hopper")));

        assertTrue(html.contains("<p class=\"followed\">★ by A. Author, whom you follow</p>"), html);
        assertEquals(2, html.split("whom you follow", -1).length - 1, "both papers are by A. Author, so both are marked");
        assertFalse(notFollowed.contains("whom you follow"), notFollowed);
    }
}
