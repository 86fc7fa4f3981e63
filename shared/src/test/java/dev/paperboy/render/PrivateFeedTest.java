package dev.paperboy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A subscriber's private feed, in Atom and in RSS 2.0, from the same entries. */
class PrivateFeedTest {
    private static final Feed.Channel CHANNEL = new Feed.Channel("https://p.test/feeds#id-reader", "Paperboy: your digests",
            "https://p.test/feeds/0.atom?token=f1", "https://p.test/", "The papers of your digests");
    private static final Period FRIDAY = new Period(Preferences.Frequency.DAILY, LocalDate.of(2025, 8, 29));
    private static final Period WEEK = new Period(Preferences.Frequency.WEEKLY, LocalDate.of(2025, 8, 22));
    private static final Instant FRIDAY_SENT = Instant.parse("2025-08-30T11:00:00Z");
    private static final Instant WEEK_SENT = Instant.parse("2025-08-23T11:00:00Z");

    private static Paper paper(String id, String title, String abstractText, List<String> authors) {
        return new Paper(id, title, abstractText, authors, Optional.empty(), Optional.empty(), 5, 1, Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), LocalDate.of(2025, 8, 29));
    }

    /** Two digests, newest first, as SubscriberFeed hands them over. */
    private static final List<Feed.Entry> ENTRIES = List.of(
            new Feed.Entry(paper("2508.00001", "Agents <that> plan & act", "We \"plan\" & <act>.\u0001", List.of("Ada Lovelace", "Zoë")), FRIDAY, FRIDAY_SENT),
            new Feed.Entry(paper("2508.00002", "Second of Friday", "Two.", List.of()), FRIDAY, FRIDAY_SENT),
            new Feed.Entry(paper("2508.00100", "Of the week before", "Older.", List.of("Alan Turing")), WEEK, WEEK_SENT));

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String name, int index) {
        return parent.getElementsByTagName(name).item(index).getTextContent();
    }

    @Test
    void theAtomFeedIsWellFormedEscapedAndKeepsTheEntriesOrderNewestDigestFirst() throws Exception {
        Document doc = parse(Feed.atom(CHANNEL, ENTRIES));

        Element feed = doc.getDocumentElement();
        assertEquals("http://www.w3.org/2005/Atom", feed.getNamespaceURI());
        assertEquals("2025-08-30T11:00:00Z", ((Element) feed.getElementsByTagName("updated").item(0)).getTextContent(), "the newest delivery");
        NodeList entries = doc.getElementsByTagName("entry");
        assertEquals(3, entries.getLength());
        Element first = (Element) entries.item(0);
        assertEquals("Agents <that> plan & act", text(first, "title", 0), "markup in a title is text, not elements");
        assertEquals("We \"plan\" & <act>.", text(first, "summary", 0), "the abstract, less what XML forbids");
        assertEquals("https://huggingface.co/papers/2508.00001#2025-08-29-daily", text(first, "id", 0), "stable: paper and digest");
        assertEquals("https://huggingface.co/papers/2508.00001", ((Element) first.getElementsByTagName("link").item(0)).getAttribute("href"));
        assertEquals("Ada Lovelace", text(first, "name", 0));
        assertEquals("Zoë", text(first, "name", 1));
        assertEquals("2025-08-30T11:00:00Z", text(first, "published", 0));
        assertEquals("Daily digest of Fri 29 Aug 2025", ((Element) first.getElementsByTagName("category").item(0)).getAttribute("label"));
        assertEquals("https://huggingface.co/papers/2508.00100#2025-08-22-weekly", text((Element) entries.item(2), "id", 0));
        assertEquals("Weekly digest of the week to Fri 22 Aug 2025",
                ((Element) ((Element) entries.item(2)).getElementsByTagName("category").item(0)).getAttribute("label"));
    }

    @Test
    void theRssFeedCarriesTheSameEntriesInTheSameOrder() throws Exception {
        Document doc = parse(Feed.rssOfDigests(CHANNEL, ENTRIES));

        NodeList items = doc.getElementsByTagName("item");
        assertEquals(3, items.getLength());
        Element first = (Element) items.item(0);
        assertEquals("Agents <that> plan & act", text(first, "title", 0));
        assertEquals("We \"plan\" & <act>. (Ada Lovelace, Zoë) From your daily digest of Fri 29 Aug 2025.", text(first, "description", 0));
        assertEquals("https://huggingface.co/papers/2508.00001#2025-08-29-daily", text(first, "guid", 0));
        assertEquals("false", ((Element) first.getElementsByTagName("guid").item(0)).getAttribute("isPermaLink"));
        assertEquals("Sat, 30 Aug 2025 11:00:00 GMT", text(first, "pubDate", 0));
        assertEquals("Second of Friday", text((Element) items.item(1), "title", 0));
        assertEquals("Of the week before", text((Element) items.item(2), "title", 0));
    }

    @Test
    void aFeedWithNoDigestYetIsAValidEmptyFeed() throws Exception {
        Document atom = parse(Feed.atom(CHANNEL, List.of()));
        Document rss = parse(Feed.rssOfDigests(CHANNEL, List.of()));

        assertEquals(0, atom.getElementsByTagName("entry").getLength());
        assertEquals("1970-01-01T00:00:00Z", atom.getElementsByTagName("updated").item(0).getTextContent(), "a fixed time, not the time of reading");
        assertEquals(0, rss.getElementsByTagName("item").getLength());
        assertEquals("Paperboy: your digests", rss.getElementsByTagName("title").item(0).getTextContent());
    }
}
