package dev.paperboy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paperboy.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A local stand-in for the Hugging Face Daily Papers API on loopback. It pages a day's entries
 * as the real API does ({@code limit} at most 100, {@code p} from 0, {@code []} past the end,
 * 400 for a bad date), and can be told to answer a given day's page with scripted replies
 * (429, 500, a slow answer, a non-JSON body) before it answers normally.
 */
public final class HfStub implements AutoCloseable {
    private final HttpServer server;
    private final Map<LocalDate, ArrayNode> days = new ConcurrentHashMap<>();
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Flood> floods = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong floodBytesSent = new java.util.concurrent.atomic.AtomicLong();

    /** A JSON array of one entry repeated to about {@code bytes}, made while it is sent. */
    private record Flood(long bytes, String entry) {
    }
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    /** One scripted answer. */
    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {
        public static Reply status(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
        }

        public static Reply tooManyRequests(String retryAfter) {
            return new Reply(429, Map.of("Retry-After", retryAfter, "Content-Type", "application/json"),
                    "{\"error\":\"You have exceeded our rate limit\"}", Duration.ZERO);
        }

        public static Reply slow(Duration delay) {
            return new Reply(200, Map.of("Content-Type", "application/json"), "[]", delay);
        }
    }

    private HfStub(HttpServer server) {
        this.server = server;
    }

    public static HfStub start() {
        return start(InetAddress.getLoopbackAddress());
    }

    /**
     * Listening on this machine's address on a Docker network (DockerNetwork#gateway), so that
     * functions in `sam local` containers on that network reach it, and nothing beyond does.
     */
    public static HfStub start(String address) {
        try {
            return start(InetAddress.getByName(address));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HfStub start(InetAddress address) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
            HfStub stub = new HfStub(server);
            server.createContext("/api/daily_papers", stub::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "hf-stub");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    /** Serves this JSON array (in the API's shape) as the day's list. */
    public HfStub day(LocalDate date, String entriesJson) {
        try {
            JsonNode entries = Json.MAPPER.readTree(entriesJson);
            if (!entries.isArray()) {
                throw new IllegalArgumentException("a day is a JSON array of entries");
            }
            days.put(date, (ArrayNode) entries);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers the day's page with these replies, one per request, before answering normally. */
    public HfStub script(LocalDate date, int page, Reply... replies) {
        scripts.computeIfAbsent(date + "/" + page, k -> new ArrayDeque<>()).addAll(List.of(replies));
        return this;
    }

    /**
     * Answers the day's page, every time, with a JSON array of {@code entry} repeated to about
     * {@code bytes} (tens of megabytes, millions of entries), chunked and generated as it is sent:
     * no such body is ever held in memory, here or in a fixture.
     */
    public HfStub flood(LocalDate date, int page, long bytes, String entry) {
        floods.put(date + "/" + page, new Flood(bytes, entry));
        return this;
    }

    /** How many bytes of floods were sent before the reader stopped reading. */
    public long floodBytesSent() {
        return floodBytesSent.get();
    }

    /** The request targets seen, in order ({@code /api/daily_papers?date=...}). */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestURI().toString());
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, Reply.status(405, "{\"error\":\"Method not allowed\"}"));
                return;
            }
            LocalDate date;
            int limit;
            int page;
            try {
                date = LocalDate.parse(query.getOrDefault("date", ""));
                limit = Integer.parseInt(query.getOrDefault("limit", "50"));
                page = Integer.parseInt(query.getOrDefault("p", "0"));
            } catch (DateTimeParseException | NumberFormatException e) {
                send(exchange, Reply.status(400, "{\"error\":\"Invalid query\"}"));
                return;
            }
            if (limit < 1 || limit > 100 || page < 0) {
                send(exchange, Reply.status(400, "{\"error\":\"limit must be between 1 and 100\"}"));
                return;
            }
            Flood flood = floods.get(date + "/" + page);
            if (flood != null) {
                sendFlood(exchange, flood);
                return;
            }
            Deque<Reply> script = scripts.get(date + "/" + page);
            Reply scripted = script == null ? null : script.poll();
            if (scripted != null) {
                send(exchange, scripted);
                return;
            }
            ArrayNode all = days.getOrDefault(date, Json.MAPPER.createArrayNode());
            ArrayNode slice = Json.MAPPER.createArrayNode();
            for (int i = page * limit; i < Math.min(all.size(), (page + 1) * limit); i++) {
                slice.add(all.get(i));
            }
            Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json; charset=utf-8"));
            if (slice.size() == limit) {
                headers.put("Link", "<" + url() + "/api/daily_papers?date=" + date + "&p=" + (page + 1) + "&limit=" + limit + ">; rel=\"next\"");
            }
            send(exchange, new Reply(200, headers, Json.MAPPER.writeValueAsString(slice), Duration.ZERO));
        }
    }

    private void sendFlood(HttpExchange exchange, Flood flood) {
        byte[] item = ("," + flood.entry()).getBytes(StandardCharsets.UTF_8);
        byte[] chunk = new byte[64 * 1024 / item.length * item.length];
        for (int i = 0; i < chunk.length; i += item.length) {
            System.arraycopy(item, 0, chunk, i, item.length);
        }
        try {
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, 0); // chunked: no length announced, as a streaming server would
            var out = exchange.getResponseBody();
            byte[] first = ("[" + flood.entry()).getBytes(StandardCharsets.UTF_8);
            out.write(first);
            long sent = first.length;
            while (sent < flood.bytes()) {
                out.write(chunk);
                sent += chunk.length;
                floodBytesSent.addAndGet(chunk.length);
            }
            out.write(']');
        } catch (IOException e) {
            // The reader stopped reading and hung up: what a capped reader does.
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        if (!reply.delay().isZero()) {
            try {
                Thread.sleep(reply.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }
}
