package dev.paperboy.functions.plandigests;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
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

/** PlanDigestsFunction: {"frequency": "DAILY" | "WEEKLY"} in, the enqueued plan out. */
public final class PlanDigestsHandler implements RequestStreamHandler {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Env ENV = Env.system();
    private static final AwsClients AWS = new AwsClients(ENV);
    private static final Metrics METRICS = EmfMetrics.forFunction(ENV, "PlanDigestsFunction");
    private static final DigestPlanner PLANNER = DigestWiring.planner(ENV, AWS, METRICS);
    private static final PaperRepository PAPERS = new PaperRepository(AWS.dynamoDb(), ENV.required("PAPERS_TABLE"), CLOCK);
    private static final ListingCalendar CALENDAR = new ListingCalendar(CLOCK);
    private static final Priming PRIMING = DigestWiring.plannerPriming(ENV, AWS);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog.enter(context.getAwsRequestId(), context.getFunctionName());
        try {
            plan(input, output);
        } finally {
            METRICS.flush();
            JsonLog.leave();
        }
    }

    private static void plan(InputStream input, OutputStream output) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        PlanRequest request = PlanRequest.fromEvent(event == null ? Json.MAPPER.createObjectNode() : event, CALENDAR.latest());
        var days = request.period().days();
        Object result;
        if (PAPERS.papersListedBetween(days.get(0), days.get(days.size() - 1)) == 0) {
            // Nothing listed (a holiday, a failed fetch): no digest to plan, and the fetch alarm speaks.
            result = Map.of("period", request.period().id(), "dueKey", request.dueKey(), "subscribers", 0, "reason", "no papers listed");
        } else {
            result = PLANNER.plan(request.period(), request.dueKey());
        }
        JsonLog.info("digest plan", Map.of("plan", result));
        Json.MAPPER.writeValue(output, result);
    }
}
