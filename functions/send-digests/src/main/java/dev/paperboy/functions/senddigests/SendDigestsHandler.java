package dev.paperboy.functions.senddigests;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperboy.aws.Priming;
import dev.paperboy.digest.DigestBatch;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * SendDigestsFunction: an SQS batch in, the messages to retry out (ReportBatchItemFailures). When
 * SES pauses sending, this message and every one after it go back to the queue; when it refuses
 * one message's mail, that message goes back (see DigestBatch).
 */
public final class SendDigestsHandler implements RequestStreamHandler {
    /** Built when Lambda constructs the handler (its init phase, before the snapshot); tests build a wiring of their own. */
    private static final class Default {
        private static final SendDigestsWiring WIRING = SendDigestsWiring.fromSystem();
        private static final Priming PRIMING = WIRING.priming();
    }

    private final DigestBatch batch;
    private final Metrics metrics;

    public SendDigestsHandler() {
        this(Default.WIRING);
    }

    SendDigestsHandler(SendDigestsWiring wiring) {
        this.batch = wiring.batch();
        this.metrics = wiring.metrics();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog.enter(context.getAwsRequestId(), context.getFunctionName());
        try {
            JsonNode event = Json.MAPPER.readTree(input);
            ObjectNode response = Json.MAPPER.createObjectNode();
            ArrayNode failures = response.putArray("batchItemFailures");
            batch.send(DigestBatch.Message.of(event), context::getRemainingTimeInMillis).forEach(id -> failures.addObject().put("itemIdentifier", id));
            Json.MAPPER.writeValue(output, response);
        } finally {
            metrics.flush();
            JsonLog.leave();
        }
    }
}
