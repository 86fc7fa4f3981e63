package dev.paperboy.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.mail.DigestMailer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One SQS batch of digest jobs, and which of its messages go back to the queue: a job left
 * incomplete, one SES refused for the account, one that cannot be read. When SES pauses sending,
 * that message and every one after it go back untried.
 */
public final class DigestBatch {
    /** A queue message: its id, to name it among the failures, and its body, a {@link DigestJob}. */
    public record Message(String id, String body) {
        /** The messages of an SQS event as Lambda's event source hands them over. */
        public static List<Message> of(JsonNode sqsEvent) {
            List<Message> messages = new ArrayList<>();
            for (JsonNode record : sqsEvent == null ? Json.MAPPER.createArrayNode() : sqsEvent.path("Records")) {
                messages.add(new Message(record.path("messageId").asText(), record.path("body").asText()));
            }
            return messages;
        }
    }

    private final DigestSender sender;

    public DigestBatch(DigestSender sender) {
        this.sender = sender;
    }

    /** The ids of the messages to return to the queue, in the batch's order. */
    public List<String> send(List<Message> messages, LongSupplier remainingMillis) {
        List<String> failures = new ArrayList<>();
        boolean paused = false;
        for (Message message : messages) {
            if (paused) {
                failures.add(message.id());
                continue;
            }
            try {
                DigestJob job = Json.MAPPER.readValue(message.body(), DigestJob.class);
                DigestSender.Report report = sender.send(job, remainingMillis);
                JsonLog.info("digest batch", Map.of("messageId", message.id(), "period", job.period(), "outcomes", report.outcomes()));
                if (!report.complete()) {
                    failures.add(message.id());
                }
            } catch (DigestMailer.Paused e) {
                JsonLog.error("SES paused sending; the rest of the batch goes back to the queue", Map.of("error", e.getMessage()));
                paused = true;
                failures.add(message.id());
            } catch (DigestMailer.Throttled | DigestMailer.Refused e) {
                JsonLog.error("SES refused a digest; the message goes back to the queue", Map.of("messageId", message.id(), "error", JsonLog.describe(e)));
                failures.add(message.id());
            } catch (JsonProcessingException | RuntimeException e) {
                JsonLog.error("digest message failed", Map.of("messageId", message.id(), "error", JsonLog.describe(e)));
                failures.add(message.id());
            }
        }
        return failures;
    }
}
