package dev.paperboy.web;

import dev.paperboy.json.Json;
import dev.paperboy.subscriber.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An HTTP request as the API sees it: header names lower-cased, query decoded, body as bytes. */
public record WebRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                         byte[] body, String sourceIp, String domainName) {

    public Optional<String> param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A JSON answer for API clients that ask for one, HTML for browsers. */
    public boolean wantsJson() {
        String accept = header("accept").orElse("").toLowerCase(Locale.ROOT);
        return accept.contains("application/json") && !accept.contains("text/html");
    }

    public boolean sentJson() {
        return header("content-type").orElse("").toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    /**
     * The fields of a form ({@code application/x-www-form-urlencoded}) or of a flat JSON object.
     * Bytes that are not UTF-8 are refused rather than replaced.
     */
    public Map<String, String> fields() {
        String text = utf8(body);
        Map<String, String> fields = new HashMap<>();
        if (sentJson()) {
            try {
                JsonNode node = Json.MAPPER.readTree(text);
                if (node == null || !node.isObject()) {
                    throw new InvalidInputException("Send a JSON object.");
                }
                node.properties().forEach(e -> fields.put(e.getKey(), e.getValue().isArray()
                        ? String.join(",", toStrings(e.getValue())) : e.getValue().asText()));
            } catch (IOException e) {
                throw new InvalidInputException("The request body is not valid JSON.");
            }
            return fields;
        }
        FormCodec.decode(text).forEach((name, values) -> fields.put(name, values.get(0)));
        return fields;
    }

    private static List<String> toStrings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("The request is not valid UTF-8.");
        }
    }
}
