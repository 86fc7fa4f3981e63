package dev.paperboy.functions.fetch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.fetch.FetchFailedException;
import dev.paperboy.fetch.FetchPapers;
import dev.paperboy.fetch.FetchRequest;
import dev.paperboy.fetch.FetchSummary;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.metrics.EmfMetrics;
import dev.paperboy.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/** FetchPapersFunction: reads which days to fetch from the event, fetches them, returns the summary. */
public final class FetchPapersHandler implements RequestStreamHandler {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Env ENV = Env.system();
    private static final Metrics METRICS = EmfMetrics.forFunction(ENV, "FetchPapersFunction");
    private static final AwsClients AWS = new AwsClients(ENV);
    private static final FetchPapers FETCH = FetchPapers.fromEnvironment(ENV, AWS, CLOCK, METRICS);
    private static final Priming PRIMING = FetchPapers.priming(ENV, AWS, CLOCK);
    private static final ListingCalendar CALENDAR = new ListingCalendar(CLOCK);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog.enter(context.getAwsRequestId(), context.getFunctionName());
        try {
            fetch(input, output);
        } finally {
            METRICS.flush();
            JsonLog.leave();
        }
    }

    private static void fetch(InputStream input, OutputStream output) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        FetchRequest request = FetchRequest.fromEvent(event == null ? Json.MAPPER.createObjectNode() : event, CALENDAR.latest());
        FetchSummary summary = FETCH.run(request);
        JsonLog.info("fetch summary", Map.of("summary", summary));
        if (summary.failed() > 0) {
            throw new FetchFailedException(summary);
        }
        Json.MAPPER.writeValue(output, summary);
    }
}
