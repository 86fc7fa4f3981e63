package dev.paperboy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.local.FaultProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every request that passes a {@link FaultProxy}, by operation, with its arrival time and body:
 * what a measurement counts (DynamoDB and SQS calls, SES sends). It watches through a fault that
 * never matches, so it changes nothing in what the proxy forwards.
 */
final class Requests {
    /** One request as it arrived: its operation ({@code DynamoDB.Query}, {@code SQS.SendMessageBatch}, {@code SES.SendEmail}...). */
    record Seen(long nanos, String operation, byte[] body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final List<Seen> seen = new ArrayList<>();

    static Requests watch(FaultProxy proxy) {
        Requests requests = new Requests();
        proxy.inject(new FaultProxy.Fault("watch", request -> {
            requests.add(new Seen(System.nanoTime(), operation(request), request.body()));
            return false;
        }, 0, 0, new FaultProxy.Action.Delay(Duration.ZERO)));
        return requests;
    }

    private synchronized void add(Seen request) {
        seen.add(request);
    }

    synchronized void clear() {
        seen.clear();
    }

    synchronized List<Seen> all() {
        return List.copyOf(seen);
    }

    List<Seen> of(String operation) {
        return all().stream().filter(r -> r.operation().equals(operation)).toList();
    }

    int count(String operation) {
        return of(operation).size();
    }

    /** Requests per operation whose name starts with {@code service + "."}, sorted by name. */
    Map<String, Integer> byOperation(String service) {
        Map<String, Integer> counts = new TreeMap<>();
        all().stream().filter(r -> r.operation().startsWith(service + "."))
                .forEach(r -> counts.merge(r.operation(), 1, Integer::sum));
        return counts;
    }

    static String operation(FaultProxy.Request request) {
        String target = request.header("X-Amz-Target");
        if (target != null) {
            String service = target.startsWith("DynamoDB") ? "DynamoDB" : target.startsWith("AmazonSQS") ? "SQS" : target.substring(0, target.indexOf('.'));
            return service + "." + request.amzOperation();
        }
        if (request.path().startsWith("/v2/email/outbound-emails")) {
            return "SES.SendEmail";
        }
        if (request.path().startsWith("/v2/")) {
            return "SES." + request.method() + " " + request.path();
        }
        return "S3." + request.method();
    }
}
