package dev.paperboy.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Work done once before SnapStart takes its snapshot (CRaC's beforeCheckpoint), so that the first
 * invocation after a restore finds the SDK's request paths, Jackson and the templates loaded and
 * compiled. Each step is read-only: reads of keys that do not exist, calls the role may be denied.
 * A service's answer, even AccessDenied, means the whole request path ran, which is the point. A
 * step that fails is logged and skipped: priming must never stop a version from being published.
 * The handler's own code path is not called, so nothing is counted as work done (logs, metrics).
 */
public final class Priming implements Resource {
    /** Strong references: CRaC's global context holds its resources weakly. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final String function;
    private final List<Step> steps;

    /** One thing to warm. */
    public record Step(String name, Action action) {
    }

    /** A step's body; may throw, the failure is reported, not raised. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** What a step did: "ok", "answered <code>" (the service refused, as expected), or "failed <reason>". */
    public record Outcome(String step, String result) {
        public boolean ran() {
            return !result.startsWith("failed");
        }
    }

    private Priming(String function, List<Step> steps) {
        this.function = function;
        this.steps = List.copyOf(steps);
    }

    /** Registers the steps with SnapStart's checkpoint hook; keep the result in a static field. */
    public static Priming register(String function, List<Step> steps) {
        Priming priming = new Priming(function, steps);
        REGISTERED.add(priming);
        // Without a CRaC runtime (locally, or Lambda without SnapStart) registering does nothing.
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /**
     * Runs every registered priming, as a checkpoint would: the local stand-in for SnapStart's
     * publish step (the cold-start bench, tests).
     */
    public static List<Outcome> primeRegistered() {
        List<Outcome> outcomes = new ArrayList<>();
        REGISTERED.forEach(priming -> outcomes.addAll(priming.prime()));
        return outcomes;
    }

    public String function() {
        return function;
    }

    /** Runs each step once; a step's failure does not stop the others. */
    public List<Outcome> prime() {
        List<Outcome> outcomes = new ArrayList<>();
        for (Step step : steps) {
            String result;
            try {
                step.action().run();
                result = "ok";
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                result = "answered " + (code != null ? code : "HTTP " + e.statusCode());
            } catch (Exception e) {
                result = "failed " + JsonLog.describe(e);
            }
            outcomes.add(new Outcome(step.name(), result));
        }
        JsonLog.info("primed", Map.of("function", function, "steps", outcomes));
        return outcomes;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing held across the snapshot needs renewing: clients resolve credentials per request,
        // and idle keep-alive connections expire by the wall clock.
    }

    // Steps that several functions share.

    /** Jackson: parse a sample event and write a value of the output's shape. */
    public static Step json(String sampleEvent, Object sampleOutput) {
        return new Step("jackson", () -> {
            // Streams, as a handler reads its event and writes its answer (byte parser and generator).
            JsonNode event = Json.MAPPER.readTree(new ByteArrayInputStream(sampleEvent.getBytes(StandardCharsets.UTF_8)));
            Json.MAPPER.writeValue(OutputStream.nullOutputStream(), event);
            Json.MAPPER.writeValue(OutputStream.nullOutputStream(), sampleOutput);
        });
    }

    /** S3: HEAD of a key that is never written; a role with PutObject only is denied, which is fine. */
    public static Step s3(S3Client s3, String bucket) {
        return new Step("s3", () -> s3.headObject(r -> r.bucket(bucket).key("priming/absent")));
    }

    /** SQS: a queue attribute read, answered or denied; no message is sent. */
    public static Step sqs(SqsClient sqs, String queueUrl) {
        return new Step("sqs", () -> sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN)));
    }

    /** SES: the account's sending state, answered or denied; no mail is sent. */
    public static Step ses(SesV2Client ses) {
        return new Step("ses", () -> ses.getAccount(r -> { }));
    }
}
