package dev.paperboy.paper;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How a paper is laid out as a DynamoDB item: the attributes a digest reads, absent ones left out. */
final class PaperItems {
    static final String PK = "pk";
    static final String SK = "sk";

    private PaperItems() {
    }

    static String paperKey(String id) {
        return "PAPER#" + id;
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of(PK, s(paperKey(id)), SK, s("PAPER"));
    }

    /** The attributes that carry the paper's content; a missing optional one is removed on update. */
    static Map<String, Optional<AttributeValue>> content(Paper p) {
        Map<String, Optional<AttributeValue>> a = new LinkedHashMap<>();
        a.put("id", Optional.of(s(p.id())));
        a.put("title", Optional.of(s(p.title())));
        a.put("abstract", Optional.of(s(p.abstractText())));
        a.put("authors", Optional.of(list(p.authors())));
        a.put("publishedAt", p.publishedAt().map(i -> s(i.toString())));
        a.put("listedAt", p.listedAt().map(i -> s(i.toString())));
        a.put("upvotes", Optional.of(n(p.upvotes())));
        a.put("comments", Optional.of(n(p.comments())));
        a.put("aiSummary", p.aiSummary().map(PaperItems::s));
        a.put("aiKeywords", Optional.of(list(p.aiKeywords())));
        a.put("githubRepo", p.githubRepo().map(PaperItems::s));
        a.put("githubStars", p.githubStars().map(PaperItems::n));
        a.put("projectPage", p.projectPage().map(PaperItems::s));
        a.put("thumbnail", p.thumbnail().map(PaperItems::s));
        a.put("fingerprint", Optional.of(s(p.fingerprint())));
        return a;
    }

    static Paper fromItem(Map<String, AttributeValue> item) {
        return new Paper(
                str(item, "id").orElseThrow(),
                str(item, "title").orElse(""),
                str(item, "abstract").orElse(""),
                strings(item, "authors"),
                // Items stored before dates were checked may hold one outside 0001-9999: read as no date.
                str(item, "publishedAt").flatMap(PaperDates::parse),
                str(item, "listedAt").flatMap(PaperDates::parse),
                num(item, "upvotes").orElse(0),
                num(item, "comments").orElse(0),
                str(item, "aiSummary"),
                strings(item, "aiKeywords"),
                str(item, "githubRepo"),
                num(item, "githubStars"),
                str(item, "projectPage"),
                str(item, "thumbnail"),
                LocalDate.parse(str(item, "firstListed").orElseThrow()));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }

    private static AttributeValue list(List<String> values) {
        return AttributeValue.fromL(values.stream().map(PaperItems::s).toList());
    }

    static Optional<String> str(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }

    static Optional<Integer> num(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::n).map(Integer::parseInt);
    }

    static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }
}
