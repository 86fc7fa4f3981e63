package dev.paperboy.bench.coldstart.naive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.Env;
import dev.paperboy.fetch.FetchFailedException;
import dev.paperboy.fetch.FetchPapers;
import dev.paperboy.fetch.FetchRequest;
import dev.paperboy.fetch.FetchSummary;
import dev.paperboy.functions.fetch.FetchPapersWiring;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.metrics.EmfMetrics;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.ListingCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/** FetchPapersHandler's work with the SDK's defaults (NaiveAwsClients), no priming: its wiring, given naive clients. */
public final class NaiveFetchPapersHandler implements RequestStreamHandler {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Metrics METRICS = EmfMetrics.forFunction(Env.system(), "FetchPapersFunction");
    private static final FetchPapers FETCH = new FetchPapersWiring(Env.system(), new NaiveAwsClients(), CLOCK, METRICS).fetch();
    private static final ListingCalendar CALENDAR = new ListingCalendar(CLOCK);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        FetchSummary summary = FETCH.run(FetchRequest.fromEvent(event == null ? Json.MAPPER.createObjectNode() : event, CALENDAR.latest()));
        JsonLog.info("fetch summary", Map.of("summary", summary));
        if (summary.failed() > 0) {
            throw new FetchFailedException(summary);
        }
        Json.MAPPER.writeValue(output, summary);
        METRICS.flush(); // the same metric line ours writes
    }
}
