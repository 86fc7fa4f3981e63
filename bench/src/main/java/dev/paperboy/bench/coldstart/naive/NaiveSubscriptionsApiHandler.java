package dev.paperboy.bench.coldstart.naive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.Env;
import dev.paperboy.json.Json;
import dev.paperboy.web.SubscriptionsApi;
import dev.paperboy.web.SubscriptionsApiWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/** SubscriptionsApiHandler's work with the SDK's defaults (NaiveAwsClients), no priming. */
public final class NaiveSubscriptionsApiHandler implements RequestStreamHandler {
    private static final SubscriptionsApi API = SubscriptionsApiWiring.fromEnvironment(Env.system(), new NaiveAwsClients(), Clock.systemUTC(),
            dev.paperboy.metrics.Metrics.none());

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        Json.MAPPER.writeValue(output, API.handle(event == null ? Json.MAPPER.createObjectNode() : event));
    }
}
