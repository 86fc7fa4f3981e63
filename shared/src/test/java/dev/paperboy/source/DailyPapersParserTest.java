package dev.paperboy.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperboy.json.Json;
import dev.paperboy.paper.Paper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DailyPapersParserTest {
    private static final LocalDate DAY = LocalDate.of(2025, 8, 29);
    private final DailyPapersParser parser = new DailyPapersParser();

    @Test
    void readsEveryFieldADigestNeeds() {
        Paper paper = parser.parse(DAY, Fixtures.hf("day-full.json")).papers().get(0);

        assertEquals("2508.90101", paper.id());
        assertEquals("A fixture abstract written for Paperboy's tests. It spans two lines.", paper.abstractText());
        assertEquals(List.of("Zoë Kowalski", "李 明"), paper.authors(), "hidden authors are left out, names folded");
        assertEquals(Optional.of(Instant.parse("2025-08-27T17:59:30Z")), paper.publishedAt());
        assertEquals(Optional.of(Instant.parse("2025-08-29T00:57:09.392Z")), paper.listedAt());
        assertEquals(64, paper.upvotes());
        assertEquals(3, paper.comments());
        assertEquals(Optional.of("A one-sentence fixture summary."), paper.aiSummary());
        assertEquals(List.of("attention", "long context"), paper.aiKeywords(), "blank and non-text keywords dropped");
        assertEquals(Optional.of("https://github.com/example/fixture-one"), paper.githubRepo());
        assertEquals(Optional.of(123), paper.githubStars());
        assertEquals(Optional.of("https://example.org/fixture-one"), paper.projectPage());
        assertEquals(Optional.of("https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2508.90101.png"), paper.thumbnail());
        assertEquals(DAY, paper.firstListed());
    }

    @Test
    void foldsArxivLineBreaksAndRunsOfSpacesInTitles() {
        Paper paper = parser.parse(DAY, Fixtures.hf("day-full.json")).papers().get(0);

        assertEquals("Fixture One: Memory-Light Attention for Very Long Inputs", paper.title());
    }

    @Test
    void keepsHtmlAndUnicodeInTitlesAsPlainText() {
        Paper paper = parser.parse(DAY, Fixtures.hf("day-full.json")).papers().get(1);

        assertEquals("<script>alert('x')</script> & Other \"Titles\" — 🚀 Edition", paper.title());
    }

    @Test
    void dropsLinksThatAreNotHttp() {
        Paper paper = parser.parse(DAY, Fixtures.hf("day-full.json")).papers().get(1);

        assertEquals(Optional.empty(), paper.githubRepo());
        assertEquals(Optional.empty(), paper.aiSummary());
        assertEquals(List.of(), paper.aiKeywords());
    }

    @Test
    void skipsAndCountsMalformedEntriesAndKeepsTheRest() {
        DailyPapersParser.Page page = parser.parse(DAY, Fixtures.hf("day-malformed.json"));

        assertEquals(List.of("2508.90201", "2508.90206"), page.papers().stream().map(Paper::id).toList());
        assertEquals(4, page.skipped());
        assertEquals(List.of("entry 1: no id", "entry 2: no title", "entry 3: no paper object", "entry 4: id is not an arXiv id"),
                page.problems());
    }

    @Test
    void readsWrongTypedFieldsAsAbsent() {
        Paper paper = parser.parse(DAY, Fixtures.hf("day-malformed.json")).papers().get(1);

        assertEquals(0, paper.upvotes());
        assertEquals(0, paper.comments());
        assertEquals(List.of(), paper.authors());
        assertEquals(Optional.empty(), paper.publishedAt());
    }

    @Test
    void failsTheDayWhenTheBodyIsNotJson() {
        SourceException e = assertThrows(SourceException.class, () -> parser.parse(DAY, Fixtures.hf("not-json.html")));

        assertTrue(e.getMessage().startsWith("2025-08-29: body is not JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("<!DOCTYPE html>"), e.getMessage());
    }

    @Test
    void failsTheDayWhenTheBodyIsJsonButNotAList() {
        SourceException e = assertThrows(SourceException.class,
                () -> parser.parse(DAY, "{\"error\":\"Invalid date\"}".getBytes(StandardCharsets.UTF_8)));

        assertEquals("2025-08-29: expected a JSON array of papers, got OBJECT", e.getMessage());
    }

    @Test
    void anEmptyListIsAnEmptyPage() {
        DailyPapersParser.Page page = parser.parse(DAY, "[]".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of(), page.papers());
        assertEquals(0, page.skipped());
    }

    @Test
    void skipsAbsurdTitlesAndAbstractsAndKeepsThoseAtTheLimit() {
        ArrayNode page = Json.MAPPER.createArrayNode();
        page.add(entry("2508.90301", "t".repeat(DailyPapersParser.MAX_TITLE), "ok"));
        page.add(entry("2508.90302", "t".repeat(DailyPapersParser.MAX_TITLE + 1), "ok"));
        page.add(entry("2508.90303", "Fine", "a".repeat(DailyPapersParser.MAX_ABSTRACT)));
        page.add(entry("2508.90304", "Fine", "a".repeat(5_000_000)));

        DailyPapersParser.Page parsed = parse(page);

        assertEquals(List.of("2508.90301", "2508.90303"), parsed.papers().stream().map(Paper::id).toList());
        assertEquals(List.of("entry 1: title of 1001 characters", "entry 3: abstract of 5000000 characters"), parsed.problems());
    }

    @Test
    void capsTheAuthorListAndDropsAbsurdNamesKeywordsAndSummaries() {
        ObjectNode entry = entry("2508.90311", "Big Collaboration", "ok");
        ObjectNode paper = (ObjectNode) entry.get("paper");
        ArrayNode authors = paper.putArray("authors");
        authors.addObject().put("name", "n".repeat(DailyPapersParser.MAX_NAME + 1));
        for (int i = 0; i < 3_000; i++) {
            authors.addObject().put("name", "Author " + i);
        }
        paper.putArray("ai_keywords").add("k".repeat(DailyPapersParser.MAX_KEYWORD + 1)).add("fine");
        paper.put("ai_summary", "s".repeat(DailyPapersParser.MAX_SUMMARY + 1));

        Paper parsed = parse(Json.MAPPER.createArrayNode().add(entry)).papers().get(0);

        assertEquals(DailyPapersParser.MAX_AUTHORS, parsed.authors().size());
        assertEquals("Author 0", parsed.authors().get(0), "the absurd name is dropped, not counted");
        assertEquals(List.of("fine"), parsed.aiKeywords());
        assertEquals(Optional.empty(), parsed.aiSummary());
    }

    @Test
    void dropsControlCharactersAndHalvesOfSurrogatePairsFromText() {
        // As the wire may carry them: JSON escapes for a bell, a lone high surrogate, a whole pair, NUL and ESC.
        String body = "[{\"paper\":{\"id\":\"2508.90321\",\"title\":\"Bell\\u0007 and \\ud800half \\ud83d\\ude80 rocket\\u0000\","
                + "\"summary\":\"nul\\u0000 in\\u001b abstract\"}}]";

        Paper parsed = parser.parse(DAY, body.getBytes(StandardCharsets.UTF_8)).papers().get(0);

        assertEquals("Bell and half \uD83D\uDE80 rocket", parsed.title());
        assertEquals("nul in abstract", parsed.abstractText());
    }

    @Test
    void dropsLinksWithSpacesControlCharactersOrAbsurdLength() {
        ObjectNode entry = entry("2508.90331", "Links", "ok");
        ((ObjectNode) entry.get("paper")).put("githubRepo", "https://github.com/a b").put("projectPage", "https://x.org/" + "p".repeat(3_000));
        entry.put("thumbnail", "https://cdn.example/\u0007.png");

        Paper parsed = parse(Json.MAPPER.createArrayNode().add(entry)).papers().get(0);

        assertEquals(Optional.empty(), parsed.githubRepo());
        assertEquals(Optional.empty(), parsed.projectPage());
        assertEquals(Optional.empty(), parsed.thumbnail());
    }

    @Test
    void datesOutsideYears1To9999AreRefusedAndThePaperKeptWithoutThem() {
        // Refused, not clamped: no paper was published in the year 10000, and a clamped 9999-12-31
        // would show, and sort, as a real date.
        ArrayNode page = Json.MAPPER.createArrayNode();
        ObjectNode far = entry("2508.90401", "Far", "ok").put("publishedAt", "+10000-01-01T00:00:00Z");
        ((ObjectNode) far.get("paper")).put("publishedAt", "-0001-01-01T00:00:00Z").put("submittedOnDailyAt", "2025-08-29T01:00:00Z");
        page.add(far);
        ObjectNode zero = entry("2508.90402", "Zero", "ok").put("publishedAt", "0000-12-31T23:59:59Z");
        ((ObjectNode) zero.get("paper")).put("publishedAt", "+999999999-12-31T23:59:59Z");
        page.add(zero);
        ObjectNode edges = entry("2508.90403", "Edges", "ok").put("publishedAt", "9999-12-31T23:59:59.999Z");
        ((ObjectNode) edges.get("paper")).put("publishedAt", "0001-01-01T00:00:00Z");
        page.add(edges);

        List<Paper> papers = parse(page).papers();

        assertEquals(3, papers.size(), "a refused date is not a malformed entry");
        assertEquals(Optional.empty(), papers.get(0).publishedAt());
        assertEquals(Optional.of(Instant.parse("2025-08-29T01:00:00Z")), papers.get(0).listedAt(), "the next source of the listing time");
        assertEquals(Optional.empty(), papers.get(1).publishedAt());
        assertEquals(Optional.empty(), papers.get(1).listedAt());
        assertEquals(Optional.of(Instant.parse("0001-01-01T00:00:00Z")), papers.get(2).publishedAt());
        assertEquals(Optional.of(Instant.parse("9999-12-31T23:59:59.999Z")), papers.get(2).listedAt());
    }

    private DailyPapersParser.Page parse(ArrayNode page) {
        return parser.parse(DAY, page.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode entry(String id, String title, String abstractText) {
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.putObject("paper").put("id", id).put("title", title).put("summary", abstractText);
        return entry;
    }
}
