package dev.paperboy.functions.mailevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.digest.DigestWiring;
import dev.paperboy.mail.MailEvents;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.metrics.EmfMetrics;
import dev.paperboy.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/** MailEventsFunction: SES bounce and complaint events from SNS in, addresses suppressed. */
public final class MailEventsHandler implements RequestStreamHandler {
    private static final Env ENV = Env.system();
    private static final Metrics METRICS = EmfMetrics.forFunction(ENV, "MailEventsFunction");
    private static final AwsClients AWS = new AwsClients(ENV);
    private static final MailEvents EVENTS = DigestWiring.mailEvents(ENV, AWS, Clock.systemUTC(), METRICS);
    private static final Priming PRIMING = DigestWiring.mailEventsPriming(ENV, AWS);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog.enter(context.getAwsRequestId(), context.getFunctionName());
        try {
            handle(input, output);
        } finally {
            METRICS.flush();
            JsonLog.leave();
        }
    }

    private static void handle(InputStream input, OutputStream output) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        MailEvents.Counts counts = EVENTS.handleSns(event == null ? Json.MAPPER.createObjectNode() : event);
        JsonLog.info("mail events", Map.of("suppressed", counts.suppressed(), "ignored", counts.ignored()));
        Json.MAPPER.writeValue(output, counts);
    }
}
