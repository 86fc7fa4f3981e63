package dev.paperboy.source;

import dev.paperboy.paper.Paper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One day's Daily Papers list, page by page ({@code limit}/{@code p}) until an empty page or the
 * page cap: each page taken from the source (which archives every answer as it arrives), then
 * parsed. The same reading serves a fetch from the API and a replay from the archive.
 */
public final class DailyPapers {
    private final PageSource pages;
    private final int pageSize;
    private final int maxPages;
    private final DailyPapersParser parser = new DailyPapersParser();

    public record Day(LocalDate date, List<Paper> papers, int pages, int skipped, List<String> problems,
                      boolean pageCapReached, List<String> archivedKeys) {
    }

    public DailyPapers(PageSource pages, SourceSettings settings) {
        this.pages = pages;
        this.pageSize = settings.pageSize();
        this.maxPages = settings.maxPages();
    }

    /**
     * The whole list of one day. A page that cannot be had or read throws {@link SourceException}
     * naming the date, with every key archived for the day before it.
     */
    public Day day(LocalDate date) {
        List<Paper> papers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> archived = new ArrayList<>();
        int skipped = 0;
        try {
            for (int page = 0; page < maxPages; page++) {
                PageSource.Answer answer = pages.page(new PageAddress(date, page));
                archived.addAll(answer.archivedKeys());
                // The API never answers more than the limit asked for: more is a broken or hostile answer.
                DailyPapersParser.Page parsed = parser.parse(date, answer.body(), pageSize);
                if (parsed.papers().isEmpty() && parsed.skipped() == 0) {
                    return new Day(date, papers, page + 1, skipped, problems, false, archived);
                }
                papers.addAll(parsed.papers());
                skipped += parsed.skipped();
                // The first few say what went wrong; the count says how much.
                for (String problem : parsed.problems()) {
                    if (problems.size() < DailyPapersParser.MAX_PROBLEMS) {
                        problems.add("page " + page + " " + problem);
                    }
                }
            }
        } catch (SourceException e) {
            throw e.after(archived);
        }
        return new Day(date, papers, maxPages, skipped, problems, true, archived);
    }
}
