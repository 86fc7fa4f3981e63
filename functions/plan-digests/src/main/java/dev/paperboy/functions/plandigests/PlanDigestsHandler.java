package dev.paperboy.functions.plandigests;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.Priming;
import dev.paperboy.digest.DigestPlanner;
import dev.paperboy.digest.PlanRequest;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.ListingCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** PlanDigestsFunction: {"at": "<quarter hour>"} from the schedule, or an operator's {"frequency", "date"} in (see PlanRequest); the enqueued plan out. */
public final class PlanDigestsHandler implements RequestStreamHandler {
    /** Built when Lambda constructs the handler (its init phase, before the snapshot). */
    private static final class Default {
        private static final PlanDigestsWiring WIRING = PlanDigestsWiring.fromSystem();
        private static final Priming PRIMING = WIRING.priming();
    }

    private final DigestPlanner planner;
    private final ListingCalendar calendar;
    private final Metrics metrics;

    public PlanDigestsHandler() {
        this(Default.WIRING);
    }

    PlanDigestsHandler(PlanDigestsWiring wiring) {
        this.planner = wiring.planner();
        this.calendar = wiring.calendar();
        this.metrics = wiring.metrics();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog.enter(context.getAwsRequestId(), context.getFunctionName());
        try {
            plan(input, output);
        } finally {
            metrics.flush();
            JsonLog.leave();
        }
    }

    private void plan(InputStream input, OutputStream output) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        PlanRequest request = PlanRequest.fromEvent(event == null ? Json.MAPPER.createObjectNode() : event, calendar.newestClosed());
        DigestPlanner.Outcome result = planner.run(request);
        JsonLog.info("digest plan", Map.of("plan", result));
        Json.MAPPER.writeValue(output, result);
    }
}
