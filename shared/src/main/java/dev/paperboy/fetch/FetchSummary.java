package dev.paperboy.fetch;

import java.util.List;

/** The whole invocation: one report a day, and the totals an operator looks at first. */
public record FetchSummary(List<String> dates, int pages, int seen, int written, int unchanged, int removed,
                           int skipped, int failed, List<DayReport> days) {

    public static FetchSummary of(List<DayReport> days) {
        return new FetchSummary(
                days.stream().map(DayReport::date).toList(),
                days.stream().mapToInt(DayReport::pages).sum(),
                days.stream().mapToInt(DayReport::seen).sum(),
                days.stream().mapToInt(DayReport::written).sum(),
                days.stream().mapToInt(DayReport::unchanged).sum(),
                days.stream().mapToInt(DayReport::removed).sum(),
                days.stream().mapToInt(DayReport::skipped).sum(),
                (int) days.stream().filter(DayReport::failed).count(),
                List.copyOf(days));
    }

    /**
     * Fails the invocation when a day failed, after its summary was logged: the schedule's retries
     * and its dead-letter queue then take the event again.
     */
    public FetchSummary requireNoFailedDay() {
        if (failed > 0) {
            throw new FetchFailedException(this);
        }
        return this;
    }

    public String failureMessage() {
        return "fetch failed for " + failed + " of " + days.size() + " day(s): "
                + String.join("; ", days.stream().filter(DayReport::failed).map(DayReport::error).toList());
    }
}
