package dev.paperboy.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line on stdout, which Lambda ships to CloudWatch Logs as one event. A line
 * logged during an invocation carries its Lambda request id and function name, so that one
 * request's lines can be found together; lines outside one (init, priming) carry neither.
 */
public final class JsonLog {
    /** Per thread: Lambda runs one invocation at a time, but the local API server and tests run several at once. */
    private static final ThreadLocal<Invocation> INVOCATION = new ThreadLocal<>();

    private record Invocation(String requestId, String function) {
    }

    private JsonLog() {
    }

    /** The first line of a handler's handleRequest: this thread's lines belong to that invocation until {@link #leave()}. */
    public static void enter(String requestId, String function) {
        INVOCATION.set(new Invocation(requestId, function));
    }

    /** The last line of a handler's handleRequest (in its finally). */
    public static void leave() {
        INVOCATION.remove();
    }

    public static void info(String message, Map<String, ?> fields) {
        System.out.println(line("INFO", message, fields));
    }

    public static void error(String message, Map<String, ?> fields) {
        System.out.println(line("ERROR", message, fields));
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

    static String line(String level, String message, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        Invocation invocation = INVOCATION.get();
        if (invocation != null) {
            line.put("requestId", invocation.requestId());
            line.put("function", invocation.function());
        }
        line.putAll(fields);
        try {
            return Json.MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            return "{\"level\":\"" + level + "\",\"message\":\"unloggable fields\"}";
        }
    }
}
