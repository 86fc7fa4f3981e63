package dev.paperboy.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperDates;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one page of {@code /api/daily_papers}. Unknown fields are ignored; an entry without an
 * id or a title, or with an absurd title or abstract, is skipped and counted; a body that is not
 * a JSON array fails the page.
 *
 * <p>Sizes are bounded so that one hostile entry cannot fail a whole day's store (DynamoDB refuses
 * items over 400 KB) or bloat every digest it appears in: at most about 160 KB of text a paper.
 */
public final class DailyPapersParser {
    /** Ids end up in keys and URLs: new-style arXiv ids, old-style archive/number, nothing else. */
    private static final Pattern ARXIV_ID = Pattern.compile("(\\d{4}\\.\\d{4,5}|[a-z][a-z.-]{1,20}/\\d{7})(v\\d+)?");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Control characters (whitespace is folded first) and halves of surrogate pairs without their other half. */
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cs}]"); // a pair is one code point: only halves match
    private static final int MAX_LIST = 64;
    // arXiv's own limits are 1,920 characters for an abstract and a few hundred for a title: far past
    // these, an entry is broken or hostile, not a paper.
    static final int MAX_TITLE = 1_000;
    static final int MAX_ABSTRACT = 20_000;
    static final int MAX_SUMMARY = 2_000;
    /** Large collaborations list thousands of authors; a digest shows a few, the store keeps the first ones. */
    static final int MAX_AUTHORS = 100;
    static final int MAX_NAME = 200;
    static final int MAX_KEYWORD = 100;
    static final int MAX_URL = 2_048;

    /** How many problems a page, and a day, keeps word for word; {@code skipped} counts them all. */
    public static final int MAX_PROBLEMS = 5;

    /** {@code problems}: the first {@link #MAX_PROBLEMS} skipped entries, saying why; {@code skipped} counts every one. */
    public record Page(List<Paper> papers, int skipped, List<String> problems) {
    }

    /** A page of at most {@code maxEntries} entries (what was asked for); more fails the day. */
    public Page parse(LocalDate date, byte[] body) {
        return parse(date, body, Integer.MAX_VALUE);
    }

    /**
     * Reads the array one entry at a time (Jackson's streaming parser, one entry's tree at once),
     * so memory holds the body and the papers kept, not a tree of every entry: a page of millions
     * of tiny entries costs no more than its bytes, and fails as soon as it passes
     * {@code maxEntries}. A body that is not a JSON array, or breaks off, fails the day.
     */
    public Page parse(LocalDate date, byte[] body, int maxEntries) {
        List<Paper> papers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int index = 0;
        int skipped = 0;
        try (JsonParser json = Json.MAPPER.createParser(body)) {
            JsonToken first = json.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new SourceException(date, "expected a JSON array of papers, got " + kind(first));
            }
            while (json.nextToken() != JsonToken.END_ARRAY) {
                if (index == maxEntries) {
                    throw new SourceException(date, "more than the " + maxEntries + " entries a page was asked for: not the API's answer");
                }
                JsonNode entry = json.readValueAsTree();
                Optional<String> problem = problemOf(entry);
                if (problem.isPresent()) {
                    if (problems.size() < MAX_PROBLEMS) {
                        problems.add("entry " + index + ": " + problem.get());
                    }
                    skipped++;
                } else {
                    papers.add(toPaper(entry, date));
                }
                index++;
            }
        } catch (JsonProcessingException e) {
            throw new SourceException(date, "body is not JSON (" + clip(e.getOriginalMessage(), 200) + "), starting " + preview(body));
        } catch (IOException e) {
            throw new SourceException(date, "body could not be read", e);
        }
        return new Page(papers, skipped, problems);
    }

    private static Optional<String> problemOf(JsonNode entry) {
        if (!entry.isObject() || !entry.path("paper").isObject()) {
            return Optional.of("no paper object");
        }
        String id = entry.path("paper").path("id").asText("");
        if (id.isBlank()) {
            return Optional.of("no id");
        }
        if (!ARXIV_ID.matcher(id).matches()) {
            return Optional.of("id is not an arXiv id");
        }
        Optional<String> title = title(entry);
        if (title.isEmpty()) {
            return Optional.of("no title");
        }
        if (title.get().length() > MAX_TITLE) {
            return Optional.of("title of " + title.get().length() + " characters");
        }
        int abstractLength = abstractText(entry).length();
        if (abstractLength > MAX_ABSTRACT) {
            return Optional.of("abstract of " + abstractLength + " characters");
        }
        return Optional.empty();
    }

    private static Paper toPaper(JsonNode entry, LocalDate date) {
        JsonNode paper = entry.path("paper");
        List<String> authors = new ArrayList<>();
        for (JsonNode author : paper.path("authors")) {
            if (authors.size() < MAX_AUTHORS && !author.path("hidden").asBoolean(false)) {
                text(author, "name").map(DailyPapersParser::normalise).filter(n -> !n.isEmpty() && n.length() <= MAX_NAME)
                        .ifPresent(authors::add);
            }
        }
        List<String> keywords = new ArrayList<>();
        for (JsonNode keyword : paper.path("ai_keywords")) {
            if (keyword.isTextual() && keywords.size() < MAX_LIST) {
                Optional.of(normalise(keyword.asText())).filter(k -> !k.isEmpty() && k.length() <= MAX_KEYWORD).ifPresent(keywords::add);
            }
        }
        return new Paper(
                paper.path("id").asText(),
                title(entry).orElseThrow(),
                abstractText(entry),
                authors,
                instant(paper, "publishedAt"),
                instant(entry, "publishedAt").or(() -> instant(paper, "submittedOnDailyAt")),
                count(paper, "upvotes"),
                count(entry, "numComments"),
                text(paper, "ai_summary").map(DailyPapersParser::normalise).filter(t -> !t.isEmpty() && t.length() <= MAX_SUMMARY),
                keywords,
                url(paper, "githubRepo"),
                paper.path("githubStars").canConvertToInt() ? Optional.of(Math.max(0, paper.path("githubStars").asInt())) : Optional.empty(),
                url(paper, "projectPage"),
                url(entry, "thumbnail"),
                date);
    }

    /** The paper's own title, else the entry's; arXiv line breaks and runs of spaces folded. */
    private static Optional<String> title(JsonNode entry) {
        return text(entry.path("paper"), "title").or(() -> text(entry, "title")).map(DailyPapersParser::normalise)
                .filter(t -> !t.isEmpty());
    }

    private static String abstractText(JsonNode entry) {
        return text(entry.path("paper"), "summary").or(() -> text(entry, "summary")).map(DailyPapersParser::normalise).orElse("");
    }

    /** Runs of whitespace folded to one space; what cannot be printed, or stored as UTF-8, dropped. */
    static String normalise(String text) {
        return UNPRINTABLE.matcher(SPACES.matcher(text).replaceAll(" ")).replaceAll("").strip();
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** Only http(s) links of sane length and without spaces or control characters survive: they end up in href attributes. */
    private static Optional<String> url(JsonNode node, String field) {
        return text(node, field).map(String::strip)
                .filter(u -> (u.startsWith("https://") || u.startsWith("http://")) && u.length() <= MAX_URL)
                .filter(u -> u.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.getType(c) == Character.CONTROL
                        || Character.getType(c) == Character.SURROGATE));
    }

    private static int count(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.canConvertToInt() ? Math.max(0, value.asInt()) : 0;
    }

    /** Absent when it is no date, or one outside years 0001-9999 (see PaperDates). */
    private static Optional<Instant> instant(JsonNode node, String field) {
        return text(node, field).flatMap(PaperDates::parse);
    }

    /** What a body starting with this token is, without reading the rest of it. */
    private static String kind(JsonToken first) {
        if (first == null) {
            return "nothing";
        }
        return switch (first) {
            case START_OBJECT -> "OBJECT";
            case VALUE_STRING -> "STRING";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER";
            case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN";
            case VALUE_NULL -> "NULL";
            default -> first.name();
        };
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? String.valueOf(text) : text.substring(0, max) + "...";
    }

    private static String preview(byte[] body) {
        String start = new String(body, 0, Math.min(body.length, 40), java.nio.charset.StandardCharsets.UTF_8);
        return "'" + normalise(start) + (body.length > 40 ? "...'" : "'");
    }
}
