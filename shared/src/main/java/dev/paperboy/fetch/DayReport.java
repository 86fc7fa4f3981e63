package dev.paperboy.fetch;

import java.util.List;

/** What fetching one day did. {@code error} is empty when the day was stored. */
public record DayReport(String date, int pages, int seen, int written, int unchanged, int removed, int skipped,
                        List<String> problems, List<String> archivedKeys, boolean pageCapReached, String error) {
    public boolean failed() {
        return !error.isEmpty();
    }
}
