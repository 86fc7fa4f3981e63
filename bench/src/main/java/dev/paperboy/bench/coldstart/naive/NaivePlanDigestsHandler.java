package dev.paperboy.bench.coldstart.naive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.Env;
import dev.paperboy.digest.DigestPlanner;
import dev.paperboy.digest.PlanRequest;
import dev.paperboy.functions.plandigests.PlanDigestsWiring;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.metrics.EmfMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/** PlanDigestsHandler's work with the SDK's defaults (NaiveAwsClients), no priming: the function's own wiring on other clients. */
public final class NaivePlanDigestsHandler implements RequestStreamHandler {
    private static final PlanDigestsWiring WIRING = new PlanDigestsWiring(Env.system(), new NaiveAwsClients(), Clock.systemUTC(),
            EmfMetrics.forFunction(Env.system(), "PlanDigestsFunction"));

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        PlanRequest request = PlanRequest.fromEvent(event == null ? Json.MAPPER.createObjectNode() : event, WIRING.calendar().newestClosed());
        DigestPlanner.Outcome result = WIRING.planner().run(request);
        JsonLog.info("digest plan", Map.of("plan", result));
        Json.MAPPER.writeValue(output, result);
        WIRING.metrics().flush(); // the same metric line ours writes
    }
}
