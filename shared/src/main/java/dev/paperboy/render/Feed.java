package dev.paperboy.render;

import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperDates;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Feeds of papers, written by the JDK's XML writer so every value is escaped, and through XmlText:
 * the public RSS 2.0 feed of the recent lists, and a subscriber's private feed of their digests in
 * Atom or RSS 2.0 from the same entries.
 */
public final class Feed {
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    /**
     * A private feed's head. {@code id} is its stable Atom id, {@code self} the address it was read at,
     * {@code home} the site's page.
     */
    public record Channel(String id, String title, String self, String home, String description) {
    }

    /** One paper of one delivered digest. */
    public record Entry(Paper paper, Period period, Instant deliveredAt) {
        /** Stable and unique: the paper's page and the digest it came in (a paper comes in one digest only, see "no repeats"). */
        public String id() {
            return paper.huggingFaceUrl() + "#" + period.id();
        }

        /** "Daily digest of Fri 29 Aug 2025", "Weekly digest of the week to Fri 29 Aug 2025". */
        public String digestLabel() {
            return period.frequency() == Preferences.Frequency.DAILY
                    ? "Daily digest of " + DAY.format(period.listDate())
                    : "Weekly digest of the week to " + DAY.format(period.listDate());
        }
    }

    private Feed() {
    }

    public static String rss(String title, String link, String description, List<Paper> papers) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeStartElement("channel");
            element(xml, "title", title);
            element(xml, "link", link);
            element(xml, "description", description);
            for (Paper p : papers) {
                PaperView view = PaperView.of(0, p);
                xml.writeStartElement("item");
                element(xml, "title", p.title());
                element(xml, "link", p.huggingFaceUrl());
                element(xml, "description", view.summary()
                        + (view.authors().isEmpty() ? "" : " (" + view.authors() + ")")
                        + " [" + p.upvotes() + " upvotes]");
                xml.writeStartElement("guid");
                xml.writeAttribute("isPermaLink", "true");
                xml.writeCharacters(XmlText.clean(p.huggingFaceUrl()));
                xml.writeEndElement();
                // A time RFC 1123 cannot print (outside years 0001-9999) is no time: see PaperDates.
                p.listedAt().filter(PaperDates::inRange).or(() -> p.publishedAt().filter(PaperDates::inRange))
                        .ifPresent(at -> element(xml, "pubDate",
                                DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC))));
                for (String keyword : p.aiKeywords()) {
                    element(xml, "category", keyword);
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the feed failed", e);
        }
        return out.toString();
    }

    /** A private feed in Atom (RFC 4287): entries as given, newest digest first. */
    public static String atom(Channel channel, List<Entry> entries) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            element(xml, "id", channel.id());
            element(xml, "title", channel.title());
            element(xml, "subtitle", channel.description());
            link(xml, "self", channel.self());
            link(xml, "alternate", channel.home());
            // The newest delivery; a feed with no digest yet says the epoch rather than a time that changes with every read.
            element(xml, "updated", entries.stream().map(Entry::deliveredAt).max(Instant::compareTo).orElse(Instant.EPOCH).toString());
            xml.writeStartElement("author");
            element(xml, "name", "Paperboy");
            xml.writeEndElement();
            for (Entry entry : entries) {
                Paper p = entry.paper();
                xml.writeStartElement("entry");
                element(xml, "id", entry.id());
                element(xml, "title", p.title());
                link(xml, "alternate", p.huggingFaceUrl());
                element(xml, "published", entry.deliveredAt().toString());
                element(xml, "updated", entry.deliveredAt().toString());
                for (String author : p.authors()) {
                    xml.writeStartElement("author");
                    element(xml, "name", author);
                    xml.writeEndElement();
                }
                xml.writeEmptyElement("category");
                xml.writeAttribute("term", entry.period().id());
                xml.writeAttribute("label", entry.digestLabel());
                element(xml, "summary", p.abstractText());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the feed failed", e);
        }
        return out.toString();
    }

    /** The same private feed in RSS 2.0: the authors and the digest are told in each item's description. */
    public static String rssOfDigests(Channel channel, List<Entry> entries) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeStartElement("channel");
            element(xml, "title", channel.title());
            element(xml, "link", channel.home());
            element(xml, "description", channel.description());
            for (Entry entry : entries) {
                Paper p = entry.paper();
                xml.writeStartElement("item");
                element(xml, "title", p.title());
                element(xml, "link", p.huggingFaceUrl());
                element(xml, "description", p.abstractText()
                        + (p.authors().isEmpty() ? "" : " (" + String.join(", ", p.authors()) + ")")
                        + " From your " + Character.toLowerCase(entry.digestLabel().charAt(0)) + entry.digestLabel().substring(1) + ".");
                xml.writeStartElement("guid");
                xml.writeAttribute("isPermaLink", "false");
                xml.writeCharacters(XmlText.clean(entry.id()));
                xml.writeEndElement();
                element(xml, "pubDate", DateTimeFormatter.RFC_1123_DATE_TIME.format(entry.deliveredAt().atOffset(ZoneOffset.UTC)));
                element(xml, "category", entry.period().id());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the feed failed", e);
        }
        return out.toString();
    }

    private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", XmlText.clean(href));
    }

    private static void element(XMLStreamWriter xml, String name, String text) {
        try {
            xml.writeStartElement(name);
            xml.writeCharacters(XmlText.clean(text));
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the feed failed", e);
        }
    }
}
