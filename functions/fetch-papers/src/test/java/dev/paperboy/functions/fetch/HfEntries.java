package dev.paperboy.functions.fetch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperboy.json.Json;

/** Daily Papers entries in the API's shape (see ../shared/reference/sources.md), made up for tests. */
final class HfEntries {
    private final ArrayNode entries = Json.MAPPER.createArrayNode();

    static HfEntries day() {
        return new HfEntries();
    }

    /** {@code count} plain papers with ids 2508.9NNNN from {@code firstNumber}, upvotes falling with rank. */
    HfEntries papers(int firstNumber, int count) {
        for (int i = 0; i < count; i++) {
            int n = firstNumber + i;
            add("2508.9" + String.format("%04d", n), "Test Paper Number " + n, 1000 - n);
        }
        return this;
    }

    HfEntries add(String id, String title, int upvotes) {
        ObjectNode paper = Json.MAPPER.createObjectNode()
                .put("id", id)
                .put("title", title)
                .put("summary", "Abstract of " + title + ".")
                .put("publishedAt", "2025-08-27T17:59:30.000Z")
                .put("submittedOnDailyAt", "2025-08-29T00:57:09.392Z")
                .put("upvotes", upvotes)
                .put("discussionId", "66d1aa0000000000000000aa")
                .put("ai_summary", "Summary of " + title + ".");
        paper.putArray("authors").addObject().put("_id", "66d1").put("name", "Test Author").put("hidden", false);
        paper.putArray("ai_keywords").add("testing");
        ObjectNode entry = entries.addObject();
        entry.set("paper", paper);
        entry.put("publishedAt", "2025-08-29T00:57:09.392Z")
                .put("title", title)
                .put("summary", "Abstract of " + title + ".")
                .put("thumbnail", "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/" + id + ".png")
                .put("numComments", 1);
        entry.putObject("submittedBy").put("name", "tester").put("fullname", "Test Er").put("type", "user");
        return this;
    }

    /** A raw entry as written, for malformed ones. */
    HfEntries raw(String json) {
        try {
            entries.add(Json.MAPPER.readTree(json));
            return this;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    String json() {
        return entries.toString();
    }
}
