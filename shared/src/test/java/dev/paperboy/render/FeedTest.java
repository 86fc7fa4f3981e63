package dev.paperboy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.paper.Paper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class FeedTest {
    private static Paper paper(String title, List<String> authors, Optional<Instant> listedAt, Optional<Instant> publishedAt, List<String> keywords) {
        return new Paper("2508.90001", title, "Abstract. More.", authors, publishedAt, listedAt, 5, 1, Optional.empty(), keywords,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), LocalDate.of(2025, 8, 29));
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void charactersXmlForbidsAreDroppedFromEveryElement() throws Exception {
        // U+FFFE and U+FFFF are not XML characters, nor C0 controls but tab, LF and CR, nor a lone half of a surrogate pair.
        Paper odd = paper("a\uFFFEb\uFFFFc\u0001d\uD800e\uDC00f\tg \uD83D\uDE80", List.of("Zo\uFFFEe"), Optional.empty(), Optional.empty(),
                List.of("k\uFFFF"));

        String xml = Feed.rss("Paper\uFFFEboy", "https://example.com/", "d\u0000", List.of(odd));

        Document doc = parse(xml);
        assertEquals("abcdef\tg \uD83D\uDE80", doc.getElementsByTagName("item").item(0).getFirstChild().getTextContent(),
                "only the forbidden characters go; a whole pair (an emoji) stays");
        assertEquals("Paperboy", doc.getElementsByTagName("title").item(0).getTextContent());
        assertEquals("k", doc.getElementsByTagName("category").item(0).getTextContent());
        assertTrue(doc.getElementsByTagName("description").item(1).getTextContent().contains("(Zoe)"));
    }

    @Test
    void aDateOutsideYears1To9999LeavesThePaperWithoutAPubDate() throws Exception {
        // RFC 1123 prints a four-digit year: such a date cannot be said, and a made-up one would mislead readers.
        List<Paper> papers = List.of(
                paper("Far future", List.of(), Optional.of(Instant.parse("+10000-01-01T00:00:00Z")), Optional.empty(), List.of()),
                paper("Before Christ", List.of(), Optional.empty(), Optional.of(Instant.parse("-0001-06-01T00:00:00Z")), List.of()),
                paper("Year zero", List.of(), Optional.of(Instant.parse("0000-12-31T23:59:59Z")), Optional.of(Instant.parse("2025-08-28T10:00:00Z")), List.of()),
                paper("Last second", List.of(), Optional.of(Instant.parse("9999-12-31T23:59:59Z")), Optional.empty(), List.of()));

        Document doc = parse(Feed.rss("Paperboy", "https://example.com/", "d", papers));

        assertEquals(4, doc.getElementsByTagName("item").getLength());
        assertEquals(2, doc.getElementsByTagName("pubDate").getLength());
        assertEquals("Thu, 28 Aug 2025 10:00:00 GMT", doc.getElementsByTagName("pubDate").item(0).getTextContent(),
                "an unprintable listing time falls back to the publication time");
        assertEquals("Fri, 31 Dec 9999 23:59:59 GMT", doc.getElementsByTagName("pubDate").item(1).getTextContent());
    }

    @Test
    void isWellFormedRssWithEveryValueEscaped() throws Exception {
        Paper hostile = new Paper("2508.90001", "<script>alert(1)</script> & \"friends\"\u0007", "Abstract. More.", List.of("A & B"),
                Optional.empty(), Optional.of(Instant.parse("2025-08-29T00:00:00Z")), 5, 1, Optional.empty(), List.of("x<y"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), LocalDate.of(2025, 8, 29));

        String xml = Feed.rss("Paperboy", "https://example.com/", "d", List.of(hostile));

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals("<script>alert(1)</script> & \"friends\"", doc.getElementsByTagName("item").item(0).getFirstChild().getTextContent());
        assertEquals("https://huggingface.co/papers/2508.90001", doc.getElementsByTagName("guid").item(0).getTextContent());
        assertEquals("Fri, 29 Aug 2025 00:00:00 GMT", doc.getElementsByTagName("pubDate").item(0).getTextContent());
        assertEquals("x<y", doc.getElementsByTagName("category").item(0).getTextContent());
    }
}
