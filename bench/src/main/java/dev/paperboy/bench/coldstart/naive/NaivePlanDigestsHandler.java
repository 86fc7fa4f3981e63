package dev.paperboy.bench.coldstart.naive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.Env;
import dev.paperboy.digest.DigestPlanner;
import dev.paperboy.digest.DigestWiring;
import dev.paperboy.digest.PlanRequest;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.metrics.EmfMetrics;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.PaperRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/** PlanDigestsHandler's work with the SDK's defaults (NaiveAwsClients), no priming. */
public final class NaivePlanDigestsHandler implements RequestStreamHandler {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Env ENV = Env.system();
    private static final NaiveAwsClients AWS = new NaiveAwsClients();
    private static final Metrics METRICS = EmfMetrics.forFunction(Env.system(), "PlanDigestsFunction");
    private static final DigestPlanner PLANNER = DigestWiring.planner(ENV, AWS, METRICS);
    private static final PaperRepository PAPERS = new PaperRepository(AWS.dynamoDb(), ENV.required("PAPERS_TABLE"), CLOCK);
    private static final ListingCalendar CALENDAR = new ListingCalendar(CLOCK);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        PlanRequest request = PlanRequest.fromEvent(event == null ? Json.MAPPER.createObjectNode() : event, CALENDAR.latest());
        var days = request.period().days();
        Object result = PAPERS.papersListedBetween(days.get(0), days.get(days.size() - 1)) == 0
                ? Map.of("period", request.period().id(), "dueKey", request.dueKey(), "subscribers", 0, "reason", "no papers listed")
                : PLANNER.plan(request.period(), request.dueKey());
        JsonLog.info("digest plan", Map.of("plan", result));
        Json.MAPPER.writeValue(output, result);
        METRICS.flush(); // the same metric line ours writes
    }
}
