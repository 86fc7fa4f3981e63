package dev.paperboy.functions.subscriptions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.Priming;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.web.SubscriptionsApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** SubscriptionsApiFunction: an HTTP API (payload 2.0) event in, the API's response out. */
public final class SubscriptionsApiHandler implements RequestStreamHandler {
    /** Built once per container, before SnapStart's snapshot; the priming warms this same graph. */
    private static final SubscriptionsApiWiring WIRING = SubscriptionsApiWiring.fromSystem();
    private static final Priming PRIMING = WIRING.priming();

    private final SubscriptionsApi api;
    private final Metrics metrics;

    public SubscriptionsApiHandler() {
        this(WIRING.api(), WIRING.metrics());
    }

    SubscriptionsApiHandler(SubscriptionsApi api, Metrics metrics) {
        this.api = api;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog.enter(context.getAwsRequestId(), context.getFunctionName());
        try {
            JsonNode event = Json.MAPPER.readTree(input);
            Json.MAPPER.writeValue(output, api.handle(event == null ? Json.MAPPER.createObjectNode() : event));
        } finally {
            metrics.flush(); // nothing counted, nothing written
            JsonLog.leave();
        }
    }
}
