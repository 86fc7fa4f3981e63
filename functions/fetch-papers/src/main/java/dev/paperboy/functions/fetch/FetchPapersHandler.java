package dev.paperboy.functions.fetch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.Priming;
import dev.paperboy.fetch.FetchPapers;
import dev.paperboy.fetch.FetchRequest;
import dev.paperboy.fetch.FetchSummary;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.ListingCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** FetchPapersFunction: reads which days to fetch from the event, fetches them, returns the summary. */
public final class FetchPapersHandler implements RequestStreamHandler {
    /** Built once a container, in the init phase SnapStart snapshots. */
    private static final FetchPapersWiring WIRING = FetchPapersWiring.fromSystem();
    private static final Priming PRIMING = WIRING.priming();

    private final FetchPapers fetch;
    private final ListingCalendar calendar;
    private final Metrics metrics;

    public FetchPapersHandler() {
        this(WIRING.fetch(), WIRING.calendar(), WIRING.metrics());
    }

    FetchPapersHandler(FetchPapers fetch, ListingCalendar calendar, Metrics metrics) {
        this.fetch = fetch;
        this.calendar = calendar;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog.enter(context.getAwsRequestId(), context.getFunctionName());
        try {
            JsonNode event = Json.MAPPER.readTree(input);
            FetchSummary summary = fetch.run(FetchRequest.fromEvent(event == null ? Json.MAPPER.createObjectNode() : event, calendar.latest()));
            JsonLog.info("fetch summary", Map.of("summary", summary));
            Json.MAPPER.writeValue(output, summary.requireNoFailedDay());
        } finally {
            metrics.flush();
            JsonLog.leave();
        }
    }
}
