package dev.paperboy.bench.coldstart.naive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperboy.aws.Env;
import dev.paperboy.digest.DigestBatch;
import dev.paperboy.functions.senddigests.SendDigestsWiring;
import dev.paperboy.json.Json;
import dev.paperboy.metrics.EmfMetrics;
import dev.paperboy.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.function.UnaryOperator;

/** SendDigestsHandler's work with the SDK's defaults (NaiveAwsClients), no priming; the sample batch's path only. */
public final class NaiveSendDigestsHandler implements RequestStreamHandler {
    private static final Metrics METRICS = EmfMetrics.forFunction(Env.system(), "SendDigestsFunction");
    private static final DigestBatch BATCH = new SendDigestsWiring(Env.system(), new NaiveAwsClients(), Clock.systemUTC(), METRICS,
            UnaryOperator.identity()).batch();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        ObjectNode response = Json.MAPPER.createObjectNode();
        ArrayNode failures = response.putArray("batchItemFailures");
        BATCH.send(DigestBatch.Message.of(event), context::getRemainingTimeInMillis).forEach(id -> failures.addObject().put("itemIdentifier", id));
        Json.MAPPER.writeValue(output, response);
        METRICS.flush(); // the same metric line ours writes
    }
}
