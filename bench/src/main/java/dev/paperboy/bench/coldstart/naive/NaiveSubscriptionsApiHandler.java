package dev.paperboy.bench.coldstart.naive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.Env;
import dev.paperboy.functions.subscriptions.SubscriptionsApiWiring;
import dev.paperboy.json.Json;
import dev.paperboy.metrics.EmfMetrics;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.web.SubscriptionsApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/** SubscriptionsApiHandler's work with the SDK's defaults (NaiveAwsClients), no priming. */
public final class NaiveSubscriptionsApiHandler implements RequestStreamHandler {
    private static final Metrics METRICS = EmfMetrics.forFunction(Env.system(), "SubscriptionsApiFunction");
    private static final SubscriptionsApi API =
            new SubscriptionsApiWiring(Env.system(), new NaiveAwsClients(), Clock.systemUTC(), METRICS).api();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            JsonNode event = Json.MAPPER.readTree(input);
            Json.MAPPER.writeValue(output, API.handle(event == null ? Json.MAPPER.createObjectNode() : event));
        } finally {
            METRICS.flush();
        }
    }
}
