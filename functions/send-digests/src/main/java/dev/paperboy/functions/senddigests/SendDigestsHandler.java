package dev.paperboy.functions.senddigests;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.digest.DigestJob;
import dev.paperboy.mail.DigestMailer;
import dev.paperboy.digest.DigestSender;
import dev.paperboy.digest.DigestWiring;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.metrics.EmfMetrics;
import dev.paperboy.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/**
 * SendDigestsFunction: an SQS batch in, the messages to retry out (ReportBatchItemFailures). When
 * SES pauses sending, this message and every one after it go back to the queue; when it refuses
 * one message's mail, that message goes back.
 */
public final class SendDigestsHandler implements RequestStreamHandler {
    /** Built when Lambda constructs the handler (its init phase, before the snapshot); tests pass a sender of their own. */
    private static final class Default {
        private static final Env ENV = Env.system();
        private static final Metrics METRICS = EmfMetrics.forFunction(ENV, "SendDigestsFunction");
        private static final AwsClients AWS = new AwsClients(ENV);
        private static final DigestSender SENDER = DigestWiring.sender(ENV, AWS, Clock.systemUTC(), METRICS);
        private static final Priming PRIMING = DigestWiring.senderPriming(ENV, AWS, Clock.systemUTC());
    }

    private final DigestSender sender;
    private final Metrics metrics;

    public SendDigestsHandler() {
        this(Default.SENDER, Default.METRICS);
    }

    SendDigestsHandler(DigestSender sender, Metrics metrics) {
        this.sender = sender;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog.enter(context.getAwsRequestId(), context.getFunctionName());
        try {
            sendBatch(input, output, context);
        } finally {
            metrics.flush();
            JsonLog.leave();
        }
    }

    private void sendBatch(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        ObjectNode response = Json.MAPPER.createObjectNode();
        ArrayNode failures = response.putArray("batchItemFailures");
        boolean paused = false;
        for (JsonNode record : event == null ? Json.MAPPER.createArrayNode() : event.path("Records")) {
            String messageId = record.path("messageId").asText();
            if (paused) {
                failures.addObject().put("itemIdentifier", messageId);
                continue;
            }
            try {
                DigestJob job = Json.MAPPER.readValue(record.path("body").asText(), DigestJob.class);
                DigestSender.Report report = sender.send(job, context::getRemainingTimeInMillis);
                JsonLog.info("digest batch", Map.of("messageId", messageId, "period", job.period(), "outcomes", report.outcomes()));
                if (!report.complete()) {
                    failures.addObject().put("itemIdentifier", messageId);
                }
            } catch (DigestMailer.Paused e) {
                JsonLog.error("SES paused sending; the rest of the batch goes back to the queue", Map.of("error", e.getMessage()));
                paused = true;
                failures.addObject().put("itemIdentifier", messageId);
            } catch (DigestMailer.Throttled | DigestMailer.Refused e) {
                JsonLog.error("SES refused a digest; the message goes back to the queue", Map.of("messageId", messageId, "error", JsonLog.describe(e)));
                failures.addObject().put("itemIdentifier", messageId);
            } catch (IOException | RuntimeException e) {
                JsonLog.error("digest message failed", Map.of("messageId", messageId, "error", JsonLog.describe(e)));
                failures.addObject().put("itemIdentifier", messageId);
            }
        }
        Json.MAPPER.writeValue(output, response);
    }
}
