package dev.paperboy.fetch;

import dev.paperboy.source.DailyPapersParser;
import java.util.List;

/**
 * What fetching one day did. {@code error} is empty when the day was stored.
 *
 * <p>Its size is bounded whatever the source sent, so that a summary of the longest backfill (62
 * days) stays one log event (CloudWatch takes 256 KB) and far inside Lambda's 6 MB response:
 * the first {@link DailyPapersParser#MAX_PROBLEMS} problems ({@code skipped} counts them all), the
 * first {@link #MAX_KEYS_LISTED} archived keys (one a page on a normal day; the rest are under the
 * same date's prefix), and texts clipped. At most about 3 KB a day, 190 KB for 62 days.
 */
public record DayReport(String date, int pages, int seen, int written, int unchanged, int removed, int skipped,
                        List<String> problems, List<String> archivedKeys, boolean pageCapReached, String error) {
    public static final int MAX_KEYS_LISTED = 12;
    static final int MAX_PROBLEM_LENGTH = 200;
    static final int MAX_ERROR_LENGTH = 1_000;

    public DayReport {
        problems = problems.stream().limit(DailyPapersParser.MAX_PROBLEMS).map(p -> clip(p, MAX_PROBLEM_LENGTH)).toList();
        archivedKeys = archivedKeys.stream().limit(MAX_KEYS_LISTED).toList();
        error = clip(error, MAX_ERROR_LENGTH);
    }

    public boolean failed() {
        return !error.isEmpty();
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
