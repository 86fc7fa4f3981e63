package dev.paperboy.bench.coldstart.naive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.Env;
import dev.paperboy.functions.mailevents.MailEventsWiring;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.mail.MailEvents;
import dev.paperboy.metrics.EmfMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/** MailEventsHandler's work with the SDK's defaults (NaiveAwsClients), no priming: the function's own wiring on other clients. */
public final class NaiveMailEventsHandler implements RequestStreamHandler {
    private static final MailEventsWiring WIRING = new MailEventsWiring(Env.system(), new NaiveAwsClients(), Clock.systemUTC(),
            EmfMetrics.forFunction(Env.system(), "MailEventsFunction"));

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        MailEvents.Counts counts = WIRING.events().handleSns(event == null ? Json.MAPPER.createObjectNode() : event);
        JsonLog.info("mail events", Map.of("suppressed", counts.suppressed(), "ignored", counts.ignored()));
        Json.MAPPER.writeValue(output, counts);
        WIRING.metrics().flush(); // the same metric line ours writes
    }
}
