package dev.paperboy.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON object per line on stdout, which Lambda ships to CloudWatch Logs as one event. */
public final class JsonLog {
    private JsonLog() {
    }

    public static void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields);
    }

    public static void error(String message, Map<String, ?> fields) {
        write("ERROR", message, fields);
    }

    /**
     * An exception fit for a log line: an AWS service error by its code, since service messages
     * can quote request values such as an address; anything else as it is.
     */
    public static String describe(Throwable e) {
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws && aws.awsErrorDetails() != null) {
            return e.getClass().getSimpleName() + " " + aws.awsErrorDetails().errorCode() + " (HTTP " + aws.statusCode() + ")";
        }
        return e.toString();
    }

    private static void write(String level, String message, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        line.putAll(fields);
        try {
            System.out.println(Json.MAPPER.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            System.out.println("{\"level\":\"" + level + "\",\"message\":\"unloggable fields\"}");
        }
    }
}
