package dev.paperboy.paper;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The papers as the web pages read them: a day's list, the latest listed day, search and the
 * recent lists a feed shows. {@link PaperCatalog} reads them from the papers' table; tests of the
 * pages use a fake.
 */
public interface PaperLookup {
    /** The papers listed on a day, in rank order (empty for a day without a list). */
    List<Paper> day(LocalDate date);

    /** The latest date a list can exist for now. */
    LocalDate latest();

    /** The most recent day with papers, and its papers. */
    Optional<Map.Entry<LocalDate, List<Paper>>> latestListedDay();

    /** Papers of the recent lists that contain every term, most upvoted first, each paper once. */
    List<Paper> search(List<String> terms, int limit);

    /** Papers of the last {@code days} lists, newest list first, matching every term (all of them without terms). */
    List<Paper> recent(int days, List<String> terms, int limit);
}
