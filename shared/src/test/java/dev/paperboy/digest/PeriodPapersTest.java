package dev.paperboy.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.paperboy.paper.Paper;
import dev.paperboy.paper.Papers;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodPapersTest {
    private static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);

    private final List<LocalDate> read = new ArrayList<>();

    private PeriodPapers papers() {
        return new PeriodPapers(day -> {
            read.add(day);
            // The same paper trends on Thursday and Friday; each day has one of its own.
            List<Paper> list = new ArrayList<>(List.of(Papers.paper("own-" + day, "Own", "Text.", 1, List.of())));
            if (day.equals(FRIDAY) || day.equals(FRIDAY.minusDays(1))) {
                list.add(Papers.paper("shared", "Shared", "Text.", 5, List.of()));
            }
            return list;
        });
    }

    @Test
    void aWeeklyPeriodHasTheSevenListsPapersEachOnce() {
        Ranker.Corpus corpus = papers().of(new Period(Preferences.Frequency.WEEKLY, FRIDAY));

        assertEquals(FRIDAY.minusDays(6).datesUntil(FRIDAY.plusDays(1)).toList(), read, "each day read once, in order");
        assertEquals(8, corpus.papers().size(), "seven papers of their own and the shared one once");
        assertEquals(1, corpus.papers().stream().filter(p -> p.id().equals("shared")).count());
    }

    @Test
    void aPeriodIsReadOnceForAllItsMessages() {
        PeriodPapers papers = papers();
        Period daily = new Period(Preferences.Frequency.DAILY, FRIDAY);

        Ranker.Corpus first = papers.of(daily);
        Ranker.Corpus second = papers.of(daily);

        assertSame(first, second);
        assertEquals(List.of(FRIDAY), read);
    }

    @Test
    void onlyTheTwoMostRecentlyUsedPeriodsAreKept() {
        PeriodPapers papers = papers();
        Period friday = new Period(Preferences.Frequency.DAILY, FRIDAY);
        Period thursday = new Period(Preferences.Frequency.DAILY, FRIDAY.minusDays(1));
        Period wednesday = new Period(Preferences.Frequency.DAILY, FRIDAY.minusDays(2));

        papers.of(friday);
        papers.of(thursday);
        papers.of(friday); // Friday used last: Thursday is now the eldest
        papers.of(wednesday);
        papers.of(friday);
        papers.of(thursday);

        assertEquals(List.of(FRIDAY, FRIDAY.minusDays(1), FRIDAY.minusDays(2), FRIDAY.minusDays(1)), read,
                "Thursday dropped for Wednesday and read again; Friday kept throughout");
    }
}
