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
import java.util.Optional;
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
        return rssDocument(title, link, description, papers.stream().map(p -> {
            PaperView view = PaperView.of(0, p);
            // A time RFC 1123 cannot print (outside years 0001-9999) is no time: see PaperDates.
            Optional<Instant> listed = p.listedAt().filter(PaperDates::inRange).or(() -> p.publishedAt().filter(PaperDates::inRange));
            return new RssItem(p.title(), p.huggingFaceUrl(), view.summary()
                    + (view.authors().isEmpty() ? "" : " (" + view.authors() + ")")
                    + " [" + p.upvotes() + " upvotes]", p.huggingFaceUrl(), true, listed, p.aiKeywords());
        }).toList());
    }

    /** A private feed in Atom (RFC 4287): entries as given, newest digest first. */
    public static String atom(Channel channel, List<Entry> entries) {
        return document(xml -> {
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
        });
    }

    /** The same private feed in RSS 2.0: the authors and the digest are told in each item's description. */
    public static String rssOfDigests(Channel channel, List<Entry> entries) {
        return rssDocument(channel.title(), channel.home(), channel.description(), entries.stream().map(entry -> {
            Paper p = entry.paper();
            return new RssItem(p.title(), p.huggingFaceUrl(), p.abstractText()
                    + (p.authors().isEmpty() ? "" : " (" + String.join(", ", p.authors()) + ")")
                    + " From your " + Character.toLowerCase(entry.digestLabel().charAt(0)) + entry.digestLabel().substring(1) + ".",
                    entry.id(), false, Optional.of(entry.deliveredAt()), List.of(entry.period().id()));
        }).toList());
    }

    /** One RSS 2.0 item: both RSS feeds write theirs alike, in this order. */
    private record RssItem(String title, String link, String description, String guid, boolean guidIsLink,
                           Optional<Instant> published, List<String> categories) {
    }

    private static String rssDocument(String title, String link, String description, List<RssItem> items) {
        return document(xml -> {
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeStartElement("channel");
            element(xml, "title", title);
            element(xml, "link", link);
            element(xml, "description", description);
            for (RssItem item : items) {
                xml.writeStartElement("item");
                element(xml, "title", item.title());
                element(xml, "link", item.link());
                element(xml, "description", item.description());
                xml.writeStartElement("guid");
                xml.writeAttribute("isPermaLink", Boolean.toString(item.guidIsLink()));
                xml.writeCharacters(XmlText.clean(item.guid()));
                xml.writeEndElement();
                item.published().ifPresent(at -> element(xml, "pubDate",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC))));
                for (String category : item.categories()) {
                    element(xml, "category", category);
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    private interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    /** An XML document around {@code body}: the declaration, and a failure of the writer as an unchecked one. */
    private static String document(Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            body.write(xml);
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
