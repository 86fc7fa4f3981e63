package dev.paperboy.web;

import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** An RSS 2.0 feed of papers, written by the JDK's XML writer so every value is escaped. */
public final class Feed {
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private Feed() {
    }

    public static String rss(String title, String link, String description, List<dev.paperboy.paper.Paper> papers) {
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
            for (dev.paperboy.paper.Paper p : papers) {
                PaperView view = PaperView.of(0, p);
                xml.writeStartElement("item");
                element(xml, "title", p.title());
                element(xml, "link", p.huggingFaceUrl());
                element(xml, "description", view.summary()
                        + (view.authors().isEmpty() ? "" : " (" + view.authors() + ")")
                        + " [" + p.upvotes() + " upvotes]");
                xml.writeStartElement("guid");
                xml.writeAttribute("isPermaLink", "true");
                xml.writeCharacters(p.huggingFaceUrl());
                xml.writeEndElement();
                p.listedAt().or(p::publishedAt).ifPresent(at -> element(xml, "pubDate",
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

    private static void element(XMLStreamWriter xml, String name, String text) {
        try {
            xml.writeStartElement(name);
            // XML 1.0 cannot carry most control characters even escaped: drop them.
            xml.writeCharacters(text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", ""));
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the feed failed", e);
        }
    }
}
