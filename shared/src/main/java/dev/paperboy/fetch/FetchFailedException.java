package dev.paperboy.fetch;

/** Thrown after every day was tried, so one bad day neither hides nor stops the others. */
public final class FetchFailedException extends RuntimeException {
    public FetchFailedException(FetchSummary summary) {
        super(summary.failureMessage());
    }
}
