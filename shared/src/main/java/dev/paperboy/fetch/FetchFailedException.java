package dev.paperboy.fetch;

/** Thrown after every day was tried, so one bad day neither hides nor stops the others. */
public final class FetchFailedException extends RuntimeException {
    private final transient FetchSummary summary;

    public FetchFailedException(FetchSummary summary) {
        super(summary.failureMessage());
        this.summary = summary;
    }

    public FetchSummary summary() {
        return summary;
    }
}
