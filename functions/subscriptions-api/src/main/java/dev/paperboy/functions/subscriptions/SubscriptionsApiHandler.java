package dev.paperboy.functions.subscriptions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.metrics.EmfMetrics;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.web.SubscriptionsApi;
import dev.paperboy.web.SubscriptionsApiWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/** SubscriptionsApiFunction: an HTTP API (payload 2.0) event in, the API's response out. */
public final class SubscriptionsApiHandler implements RequestStreamHandler {
    private static final Env ENV = Env.system();
    private static final Metrics METRICS = EmfMetrics.forFunction(ENV, "SubscriptionsApiFunction");
    private static final AwsClients AWS = new AwsClients(ENV);
    private static final SubscriptionsApi API = SubscriptionsApiWiring.fromEnvironment(ENV, AWS, Clock.systemUTC(), METRICS);
    private static final Priming PRIMING = SubscriptionsApiWiring.priming(ENV, AWS, Clock.systemUTC());

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog.enter(context.getAwsRequestId(), context.getFunctionName());
        try {
            JsonNode event = Json.MAPPER.readTree(input);
            Json.MAPPER.writeValue(output, API.handle(event == null ? Json.MAPPER.createObjectNode() : event));
        } finally {
            METRICS.flush(); // nothing counted, nothing written
            JsonLog.leave();
        }
    }
}
