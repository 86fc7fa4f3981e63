package dev.paperboy.functions.mailevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.Priming;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.mail.MailEvents;
import dev.paperboy.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** MailEventsFunction: SES bounce and complaint events from SNS in, addresses suppressed. */
public final class MailEventsHandler implements RequestStreamHandler {
    /** Built when Lambda constructs the handler (its init phase, before the snapshot). */
    private static final class Default {
        private static final MailEventsWiring WIRING = MailEventsWiring.fromSystem();
        private static final Priming PRIMING = WIRING.priming();
    }

    private final MailEvents events;
    private final Metrics metrics;

    public MailEventsHandler() {
        this(Default.WIRING);
    }

    MailEventsHandler(MailEventsWiring wiring) {
        this.events = wiring.events();
        this.metrics = wiring.metrics();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog.enter(context.getAwsRequestId(), context.getFunctionName());
        try {
            handle(input, output);
        } finally {
            metrics.flush();
            JsonLog.leave();
        }
    }

    private void handle(InputStream input, OutputStream output) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        MailEvents.Counts counts = events.handleSns(event == null ? Json.MAPPER.createObjectNode() : event);
        JsonLog.info("mail events", Map.of("suppressed", counts.suppressed(), "ignored", counts.ignored()));
        Json.MAPPER.writeValue(output, counts);
    }
}
