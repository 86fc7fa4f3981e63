package dev.paperboy.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paperboy.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The child side of LocalInvoker#serve (the subscribe load test; `make serve` is `sam local
 * start-api`): an HTTP server on loopback that turns each request into
 * an API Gateway HTTP API event (payload 2.0), hands it to the function's handler, and turns the
 * handler's answer back into HTTP. One request at a time, as one Lambda instance serves them.
 * Mail the local SES accepted is written to {@code out/mail/} and its links printed (when given an out directory).
 */
public final class ApiServer {
    private ApiServer() {
    }

    public static void main(String[] args) throws Exception {
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0].split("::")[0]).getDeclaredConstructor().newInstance();
        int port = Integer.parseInt(args[1]);
        // Without an out directory mail stays in the local SES only: finding new mail reads all of
        // the local AWS's state after every POST, which would be most of a load test's time.
        Path mailDir = args.length > 2 ? Path.of(args[2], "mail") : null;
        Outbox outbox = new Outbox(URI.create(System.getenv("AWS_ENDPOINT_URL")));
        Set<String> written = new HashSet<>();
        if (mailDir != null) {
            outbox.all().forEach(m -> written.add(m.id()));
        }
        // A burst of clients (SubscribeLoadIT sends 200 at once) waits in the accept queue and on
        // the handler's lock, not refused: API Gateway queues for an instance, it does not reset.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            synchronized (handler) {
                try (exchange) {
                    serve(handler, exchange, port);
                    if (mailDir != null && !exchange.getRequestMethod().equals("GET")) {
                        writeNewMail(outbox, written, mailDir);
                    }
                } catch (Exception e) {
                    System.err.println("local API server: " + e);
                }
            }
        });
        server.start();
        System.out.println("Paperboy's API is serving at http://127.0.0.1:" + port + "/  (Ctrl-C stops it; mail goes to " + mailDir + ")");
    }

    private static void serve(RequestStreamHandler handler, HttpExchange exchange, int port) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(6 * 1024 * 1024);
        URI uri = exchange.getRequestURI();
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", uri.getRawPath());
        event.put("rawQueryString", uri.getRawQuery() == null ? "" : uri.getRawQuery());
        ObjectNode headers = event.putObject("headers");
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("cookie")) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values));
            }
        });
        List<String> cookies = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
        if (!cookies.isEmpty()) {
            var array = event.putArray("cookies");
            cookies.forEach(c -> List.of(c.split(";\\s*")).forEach(array::add));
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("domainName", "127.0.0.1:" + port);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("stage", "$default");
        context.put("timeEpoch", Instant.now().toEpochMilli());
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod());
        http.put("path", uri.getRawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
        if (body.length > 0) {
            event.put("body", Base64.getEncoder().encodeToString(body));
        }
        event.put("isBase64Encoded", body.length > 0);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out,
                LambdaRunner.context("local-api", System.currentTimeMillis() + 30_000));
        JsonNode response = Json.MAPPER.readTree(out.toByteArray());
        response.path("headers").properties().forEach(h -> exchange.getResponseHeaders().add(h.getKey(), h.getValue().asText()));
        String text = response.path("body").asText("");
        byte[] bytes = response.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.path("statusCode").asInt(200), head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void writeNewMail(Outbox outbox, Set<String> written, Path dir) throws IOException {
        for (Outbox.Mail mail : outbox.all()) {
            // The API sends simple mail (confirmations); raw digests are `make run`'s to write.
            if (!mail.raw() && written.add(mail.id())) {
                Files.createDirectories(dir);
                Path file = dir.resolve(Instant.now().toString().replace(':', '-') + "-" + mail.id().substring(0, 8) + (mail.raw() ? ".eml" : ".html"));
                Files.writeString(file, mail.body());
                System.out.println("mail to " + String.join(", ", mail.to()) + ": \"" + mail.subject() + "\" -> " + file);
                for (String path : List.of("/confirm", "/preferences", "/unsubscribe")) {
                    try {
                        System.out.println("  " + path.substring(1) + ": " + mail.link(path));
                    } catch (IllegalStateException noSuchLink) {
                        // not every mail has every link
                    }
                }
            }
        }
    }

}
