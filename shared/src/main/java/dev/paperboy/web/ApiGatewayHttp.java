package dev.paperboy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperboy.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** API Gateway HTTP API events (payload format 2.0) to and from {@link WebRequest} / {@link WebResponse}. */
public final class ApiGatewayHttp {
    private ApiGatewayHttp() {
    }

    public static WebRequest request(JsonNode event) {
        JsonNode http = event.path("requestContext").path("http");
        Map<String, String> headers = new LinkedHashMap<>();
        event.path("headers").properties().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asText()));
        if (event.path("cookies").isArray() && !event.path("cookies").isEmpty()) {
            headers.put("cookie", String.join("; ", java.util.stream.StreamSupport.stream(event.path("cookies").spliterator(), false)
                    .map(JsonNode::asText).toList()));
        }
        String body = event.path("body").asText("");
        byte[] bytes = event.path("isBase64Encoded").asBoolean(false)
                ? Base64.getMimeDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        return new WebRequest(
                http.path("method").asText("GET").toUpperCase(Locale.ROOT),
                event.path("rawPath").asText(http.path("path").asText("/")),
                FormCodec.decode(event.path("rawQueryString").asText("")),
                headers,
                bytes,
                http.path("sourceIp").asText("unknown"),
                // Set by API Gateway from the host it served, unlike the Host header, which a client writes.
                event.path("requestContext").path("domainName").asText("localhost"));
    }

    public static ObjectNode response(WebResponse response) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("statusCode", response.status());
        ObjectNode headers = out.putObject("headers");
        response.headers().forEach(headers::put);
        String type = response.headers().getOrDefault("Content-Type", "");
        boolean text = type.startsWith("text/") || type.startsWith("application/json") || type.contains("xml");
        if (text) {
            out.put("body", new String(response.body(), StandardCharsets.UTF_8));
            out.put("isBase64Encoded", false);
        } else {
            out.put("body", Base64.getEncoder().encodeToString(response.body()));
            out.put("isBase64Encoded", true);
        }
        return out;
    }
}
