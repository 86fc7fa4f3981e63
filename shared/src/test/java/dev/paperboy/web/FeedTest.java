package dev.paperboy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
