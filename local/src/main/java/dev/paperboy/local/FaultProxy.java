package dev.paperboy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paperboy.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An HTTP proxy on loopback between the SDK (or any client) and the local AWS or the Hugging Face
 * stub, that injects faults at a given rate: service errors in their real wire shape, latency, and
 * dropped connections. Point a function's {@code AWS_ENDPOINT_URL} at {@link #endpoint()}.
 *
 * <p>Decisions are drawn from a seeded random, so a failing scenario replays the same way.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "expect", "upgrade", "proxy-connection", "te", "trailer");

    private final URI upstream;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final Random random;

    /** What a fault may look at: the request as the client sent it. */
    public record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey() != null && header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }

        /** The operation of a JSON-protocol AWS call (DynamoDB, SQS): {@code X-Amz-Target}'s part after the dot. */
        public String amzOperation() {
            String target = header("X-Amz-Target");
            return target == null ? null : target.substring(target.indexOf('.') + 1);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What an injected fault does instead of (or before) forwarding. */
    public sealed interface Action {
        /** Answer with this status, headers and body; the request never reaches the upstream. */
        record Respond(int status, Map<String, String> headers, String body) implements Action {}

        /** Wait, then forward as usual. */
        record Delay(Duration delay) implements Action {}

        /** Close the connection without an answer, as a crashed or overloaded peer would. */
        record Drop() implements Action {}

        /**
         * Answer with what the function makes of the request; it never reaches the upstream. An
         * error that echoes part of the request, or a stand-in for the upstream (a bench serving data).
         */
        record Answer(Function<Request, Respond> answer) implements Action {}

        /**
         * Forward, so that the upstream acts on the request, then close the connection without passing its
         * answer on: the client cannot tell this from {@link Drop}, though the request took effect.
         */
        record ForwardThenDrop() implements Action {}
    }

    /**
     * A fault named for the report, applied to matching requests with the given probability,
     * at most {@code limit} times (use {@link Integer#MAX_VALUE} for no limit).
     */
    public record Fault(String name, Predicate<Request> matches, double rate, int limit, Action action) {
        public static Fault of(String name, Predicate<Request> matches, double rate, Action action) {
            return new Fault(name, matches, rate, Integer.MAX_VALUE, action);
        }
    }

    private FaultProxy(URI upstream, long seed) throws IOException {
        this.upstream = upstream;
        this.random = new Random(seed);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static FaultProxy start(URI upstream, long seed) {
        try {
            return new FaultProxy(upstream, seed);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fault proxy", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public FaultProxy inject(Fault fault) {
        faults.add(fault);
        return this;
    }

    public void clear() {
        faults.clear();
    }

    /** How many times the named fault was injected. */
    public int injected(String name) {
        AtomicInteger count = injected.get(name);
        return count == null ? 0 : count.get();
    }

    /** How many requests the named fault matched, injected or not. */
    public int matched(String name) {
        AtomicInteger count = seen.get(name);
        return count == null ? 0 : count.get();
    }

    public int forwarded() {
        return forwarded.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders(), body);
            Action action = decide(request);
            switch (action) {
                case Action.Respond respond -> respond(exchange, respond);
                // The JDK's server closes the socket when a handler throws: the client sees the connection end.
                case Action.Drop drop -> throw new DroppedOnPurpose();
                case Action.Answer answer -> respond(exchange, answer.answer().apply(request));
                case Action.ForwardThenDrop lost -> {
                    forward(exchange, body, false);
                    throw new DroppedOnPurpose();
                }
                case Action.Delay delay -> {
                    sleep(delay.delay());
                    forward(exchange, body, true);
                }
                case null -> forward(exchange, body, true);
            }
            exchange.close();
        }
    }

    private Action decide(Request request) {
        for (Fault fault : faults) {
            if (!fault.matches().test(request)) {
                continue;
            }
            seen.computeIfAbsent(fault.name(), name -> new AtomicInteger()).incrementAndGet();
            boolean fire;
            synchronized (random) {
                fire = random.nextDouble() < fault.rate();
            }
            if (fire) {
                AtomicInteger count = injected.computeIfAbsent(fault.name(), name -> new AtomicInteger());
                if (count.incrementAndGet() <= fault.limit()) {
                    return fault.action();
                }
                count.decrementAndGet();
            }
        }
        return null;
    }

    private static final class DroppedOnPurpose extends RuntimeException {
        DroppedOnPurpose() {
            super("connection dropped by the fault proxy", null, false, false);
        }
    }

    private static void respond(HttpExchange exchange, Action.Respond respond) throws IOException {
        byte[] bytes = respond.body().getBytes(StandardCharsets.UTF_8);
        respond.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(respond.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void forward(HttpExchange exchange, byte[] body, boolean answer) throws IOException {
        URI target = upstream.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection();
        connection.setRequestMethod(exchange.getRequestMethod());
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(120_000);
        connection.setInstanceFollowRedirects(false);
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> connection.addRequestProperty(name, value));
            }
        });
        if (body.length > 0) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        byte[] response;
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            response = in == null ? new byte[0] : in.readAllBytes();
        }
        forwarded.incrementAndGet();
        if (!answer) {
            return;
        }
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null && !HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> exchange.getResponseHeaders().add(name, value));
            }
        });
        boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, noBody || response.length == 0 ? -1 : response.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Errors in the shape each service really answers with, so the SDK classifies them as it would in AWS.

    /** DynamoDB's throttle: the SDK treats it as retryable throttling. */
    public static Action.Respond dynamoDbThrottle() {
        return new Action.Respond(400, Map.of("Content-Type", "application/x-amz-json-1.0"),
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                        + "\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}");
    }

    /**
     * DynamoDB's partial throttle of a BatchWriteItem: a 200 that hands every item back as
     * UnprocessedItems, which the SDK does not retry: the caller must.
     */
    public static Action.Answer dynamoDbUnprocessedItems() {
        return new Action.Answer(request -> {
            try {
                JsonNode items = Json.MAPPER.readTree(request.body()).path("RequestItems");
                ObjectNode answer = Json.MAPPER.createObjectNode();
                answer.set("UnprocessedItems", items);
                return new Action.Respond(200, Map.of("Content-Type", "application/x-amz-json-1.0"), answer.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** SES v2's answer when the account's sending rate is exceeded. */
    public static Action.Respond sesThrottle() {
        return new Action.Respond(429, Map.of("Content-Type", "application/json",
                "x-amzn-ErrorType", "TooManyRequestsException"), "{\"message\":\"Maximum sending rate exceeded.\"}");
    }

    /**
     * Any other SES v2 error as SES answers it (REST-JSON: the status, the error code in
     * {@code x-amzn-ErrorType}, the text in the body), e.g. 400 {@code MessageRejected} "Address blacklisted.".
     */
    public static Action.Respond sesError(int status, String errorCode, String message) {
        return new Action.Respond(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", errorCode),
                "{\"message\":" + Json.MAPPER.valueToTree(message) + "}");
    }

    /** S3's request-rate answer. */
    public static Action.Respond s3SlowDown() {
        return new Action.Respond(503, Map.of("Content-Type", "application/xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                        + "<Message>Please reduce your request rate.</Message></Error>");
    }

    /** A generic 500 from any AWS front end. */
    public static Action.Respond internalError() {
        return new Action.Respond(500, Map.of("Content-Type", "application/json",
                "x-amzn-ErrorType", "InternalFailure"), "{\"message\":\"We encountered an internal error. Please try again.\"}");
    }

    /** Hugging Face's rate limit: 429 with a Retry-After in seconds. */
    public static Action.Respond tooManyRequests(int retryAfterSeconds) {
        return new Action.Respond(429, Map.of("Content-Type", "application/json",
                "Retry-After", Integer.toString(retryAfterSeconds)), "{\"error\":\"Too Many Requests\"}");
    }

    public static Predicate<Request> dynamoDb(String... operations) {
        Set<String> wanted = Set.of(operations);
        return request -> {
            String target = request.header("X-Amz-Target");
            return target != null && target.startsWith("DynamoDB_") && (wanted.isEmpty() || wanted.contains(request.amzOperation()));
        };
    }

    /** SES v2 SendEmail (REST: POST /v2/email/outbound-emails). */
    public static Predicate<Request> sesSendEmail() {
        return request -> "POST".equals(request.method()) && request.path().startsWith("/v2/email/outbound-emails");
    }
}
