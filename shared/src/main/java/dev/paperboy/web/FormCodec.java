package dev.paperboy.web;

import dev.paperboy.subscriber.InvalidInputException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code a=1&b=2} for query strings and form bodies; percent-escapes must decode to UTF-8. */
public final class FormCodec {
    private FormCodec() {
    }

    public static Map<String, List<String>> decode(String encoded) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodePart(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodePart(pair.substring(eq + 1));
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    private static String decodePart(String part) {
        try {
            // Decoding to ISO-8859-1 keeps every byte, so a strict UTF-8 check can follow.
            String bytes = URLDecoder.decode(part, StandardCharsets.ISO_8859_1);
            return WebRequest.utf8(bytes.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("The request has a malformed escape.");
        }
    }
}
