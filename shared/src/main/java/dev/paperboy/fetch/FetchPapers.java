package dev.paperboy.fetch;

import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.paper.SaveResult;
import dev.paperboy.source.DailyPapers;
import dev.paperboy.source.SourceException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The fetch use case, a straight line for each asked-for day: its pages from the source (each
 * answer archived as it arrives, then parsed), then saved into the papers table; or, for a
 * replay, its pages read back from that archive instead of the source.
 */
public final class FetchPapers {
    private final DailyPapers source;
    private final DailyPapers archive;
    private final PaperRepository papers;
    private final ListingCalendar calendar;
    private final Metrics metrics;

    /** {@code source} asks Hugging Face and archives; {@code archive} reads that archive back. */
    public FetchPapers(DailyPapers source, DailyPapers archive, PaperRepository papers, ListingCalendar calendar, Metrics metrics) {
        this.source = source;
        this.archive = archive;
        this.papers = papers;
        this.calendar = calendar;
        this.metrics = metrics;
    }

    /** Tries every day, then reports; a failed day does not stop the ones after it. */
    public FetchSummary run(FetchRequest request) {
        List<DayReport> reports = new ArrayList<>();
        for (LocalDate date : request.dates()) {
            reports.add(request.fromArchive() ? replayDay(date) : fetchDay(date));
        }
        return FetchSummary.of(reports);
    }

    private DayReport fetchDay(LocalDate date) {
        List<String> archived = List.of();
        try {
            DailyPapers.Day day = source.day(date);
            archived = day.archivedKeys();
            SaveResult saved = papers.saveDay(date, day.papers(), !day.pageCapReached());
            count(date, day, saved);
            return report(day, saved);
        } catch (SourceException e) {
            metrics.count("FetchDaysFailed");
            return failed(date, e.archivedKeys(), e.getMessage());
        } catch (SdkException e) {
            metrics.count("FetchDaysFailed");
            return failed(date, archived, date + ": storing failed: " + e.getMessage());
        }
    }

    /**
     * A day as the archive has it, stored again (after a parser fix, or into a restored table).
     * Nothing is archived and the fetch metrics are left alone: a replay is not news from the source.
     */
    private DayReport replayDay(LocalDate date) {
        try {
            DailyPapers.Day day = archive.day(date);
            SaveResult saved = papers.saveDay(date, day.papers(), !day.pageCapReached());
            metrics.count("DaysReplayed");
            return report(day, saved);
        } catch (SourceException e) {
            return failed(date, List.of(), e.getMessage());
        } catch (SdkException e) {
            return failed(date, List.of(), date + ": replay from the archive failed: " + e.getMessage());
        }
    }

    /**
     * What the dashboard shows: papers the source listed, paper items written (new or changed; a
     * paper that only moved in the list rewrites its entry, not the paper), entries skipped. A weekday whose list is over (no longer the latest) with no paper
     * is what the EmptyWeekdayListing alarm looks for: the source changed or stopped listing.
     */
    private void count(LocalDate date, DailyPapers.Day day, SaveResult saved) {
        metrics.count("PapersFetched", day.papers().size());
        metrics.count("PapersWritten", saved.papersWritten());
        metrics.count("PapersSkipped", day.skipped());
        boolean weekday = date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
        if (weekday && day.papers().isEmpty() && date.isBefore(calendar.latest())) {
            metrics.count("EmptyWeekdayListing");
        }
    }

    private static DayReport report(DailyPapers.Day day, SaveResult saved) {
        return new DayReport(day.date().toString(), day.pages(), day.papers().size(), saved.written(), saved.unchanged(),
                saved.removed(), day.skipped(), day.problems(), day.archivedKeys(), day.pageCapReached(), "");
    }

    private static DayReport failed(LocalDate date, List<String> keys, String error) {
        return new DayReport(date.toString(), 0, 0, 0, 0, 0, 0, List.of(), keys, false, error);
    }
}
