package dev.paperboy.mail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.InvalidInputException;
import dev.paperboy.subscriber.SubscriberUpdates;
import java.io.IOException;
import java.util.Map;

/**
 * SES bounce and complaint events (a configuration set's event destination, delivered by SNS):
 * a permanent bounce or any complaint suppresses the address for good. Transient bounces are
 * SES's to retry.
 */
public final class MailEvents {
    private final SubscriberUpdates subscribers;
    private final Metrics metrics;

    /** Addresses suppressed, and events that suppressed none (soft bounces, other types, unknown addresses). */
    public record Counts(int suppressed, int ignored) {
    }

    public MailEvents(SubscriberUpdates subscribers, Metrics metrics) {
        this.subscribers = subscribers;
        this.metrics = metrics;
    }

    /** An SNS event: each record's message is one SES event. */
    public Counts handleSns(JsonNode snsEvent) throws IOException {
        int suppressed = 0;
        int ignored = 0;
        for (JsonNode record : snsEvent.path("Records")) {
            JsonNode event = Json.MAPPER.readTree(record.path("Sns").path("Message").asText("{}"));
            int n = handle(event);
            suppressed += n;
            ignored += n == 0 ? 1 : 0;
        }
        return new Counts(suppressed, ignored);
    }

    /** Event publishing says {@code eventType}, feedback notifications {@code notificationType}. */
    int handle(JsonNode event) {
        String type = event.path("eventType").asText(event.path("notificationType").asText(""));
        JsonNode recipients;
        String reason;
        switch (type) {
            case "Bounce" -> {
                metrics.count("Bounces");
                if (!"Permanent".equals(event.path("bounce").path("bounceType").asText())) {
                    return 0;
                }
                recipients = event.path("bounce").path("bouncedRecipients");
                reason = "hard bounce";
            }
            case "Complaint" -> {
                metrics.count("Complaints");
                recipients = event.path("complaint").path("complainedRecipients");
                reason = "complaint";
            }
            default -> {
                return 0;
            }
        }
        int n = 0;
        for (JsonNode recipient : recipients) {
            try {
                if (subscribers.suppress(EmailAddress.parse(recipient.path("emailAddress").asText()), reason)) {
                    n++;
                }
            } catch (InvalidInputException notAnAddressWeKnow) {
                JsonLog.info("mail event for an unusable address", Map.of("type", type));
            }
        }
        metrics.count("AddressesSuppressed", n);
        return n;
    }
}
