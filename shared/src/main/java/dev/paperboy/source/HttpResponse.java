package dev.paperboy.source;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A whole HTTP response: status, headers (names compared without case), body. */
public record HttpResponse(int status, Map<String, List<String>> headers, byte[] body) {
    public HttpResponse {
        Map<String, List<String>> folded = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null) {
                folded.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
            }
        });
        headers = folded;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).filter(v -> !v.isEmpty()).map(v -> v.get(0));
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
