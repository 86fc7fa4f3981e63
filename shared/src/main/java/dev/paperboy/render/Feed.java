package dev.paperboy.render;

import dev.paperboy.paper.PaperDates;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** An RSS 2.0 feed of papers, written by the JDK's XML writer so every value is escaped, and through XmlText. */
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
