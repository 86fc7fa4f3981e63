package dev.paperboy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * DynamoDB's item size, as its capacity units are billed, from an item in the wire JSON: each
 * attribute name's UTF-8 bytes plus its value (strings by UTF-8 bytes, numbers about one byte per
 * two digits plus one, lists and maps 3 bytes plus one per element plus the elements).
 */
final class ItemSize {
    private ItemSize() {
    }

    static long of(JsonNode item) {
        long size = 0;
        for (Map.Entry<String, JsonNode> attribute : item.properties()) {
            size += utf8(attribute.getKey()) + value(attribute.getValue());
        }
        return size;
    }

    /** Write capacity units for writing an item of this size (1 per KB started). */
    static long writeUnits(long size) {
        return Math.max(1, (size + 1023) / 1024);
    }

    static long value(JsonNode value) {
        if (value.has("S")) {
            return utf8(value.get("S").asText());
        }
        if (value.has("N")) {
            String digits = new BigDecimal(value.get("N").asText()).unscaledValue().abs().toString();
            return (digits.length() + 1) / 2 + 1;
        }
        if (value.has("BOOL") || value.has("NULL")) {
            return 1;
        }
        if (value.has("L")) {
            long size = 3;
            for (JsonNode element : value.get("L")) {
                size += 1 + value(element);
            }
            return size;
        }
        if (value.has("M")) {
            long size = 3;
            for (Map.Entry<String, JsonNode> entry : value.get("M").properties()) {
                size += 1 + utf8(entry.getKey()) + value(entry.getValue());
            }
            return size;
        }
        if (value.has("SS")) {
            long size = 0;
            for (JsonNode element : value.get("SS")) {
                size += utf8(element.asText());
            }
            return size;
        }
        throw new IllegalArgumentException("an attribute value of a kind this bench does not size: " + value);
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
