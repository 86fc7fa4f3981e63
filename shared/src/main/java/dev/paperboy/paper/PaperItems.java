package dev.paperboy.paper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The papers table's three items, the one place that knows their keys and attributes:
 * <ul>
 *   <li>paper: {@code pk=PAPER#<arXiv id>, sk=PAPER}, every field a digest reads;</li>
 *   <li>listing entry: {@code pk=DAY#<date>, sk=PAPER#<id>}, its rank and the paper's fingerprint;</li>
 *   <li>day: {@code pk=DAYS, sk=<date>}, how many papers the day lists, their ids in rank order
 *   and the list hash. All days in one small partition, so the latest day with papers and the days
 *   of a week are each one Query.</li>
 * </ul>
 */
final class PaperItems {
    static final String PK = "pk";
    static final String SK = "sk";
    /** The partition of the day items. */
    static final String DAYS_PARTITION = "DAYS";
    /** Sort keys of a day's listing entries begin with it (and so do paper keys). */
    static final String PAPER_PREFIX = "PAPER#";
    /** The day item's ids: at most pages x page size (10 x 100) arXiv ids, about 15 KB, far below 400 KB. */
    static final String IDS = "ids";
    /** The day item's hash of the whole list as a complete save left it. */
    static final String LIST_HASH = "listHash";

    private PaperItems() {
    }

    /** A listing entry as stored: where the paper ranked, and its fingerprint then. */
    record Entry(String paperId, int rank, String fingerprint) {
    }

    /** A day item as stored: its paper count, its listing in rank order, and the list hash if a complete save left one. */
    record StoredDay(int count, List<String> ids, Optional<String> listHash) {
    }

    // The paper item.

    static Map<String, AttributeValue> paperKey(String id) {
        return Map.of(PK, s(PAPER_PREFIX + id), SK, s("PAPER"));
    }

    /** The attributes that carry the paper's content; a missing optional one is removed on update. */
    static Map<String, Optional<AttributeValue>> content(Paper p, String fingerprint) {
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
        a.put("fingerprint", Optional.of(s(fingerprint)));
        return a;
    }

    /** Set only by a paper's first write: a paper listed again keeps the first day it was listed. */
    static Map<String, AttributeValue> firstWriteOnly(Paper p) {
        return Map.of("firstListed", s(p.firstListed().toString()));
    }

    /** Set by every write of a paper. */
    static Map<String, AttributeValue> written(Instant at) {
        return Map.of("updatedAt", s(at.toString()));
    }

    static Paper paperFrom(Map<String, AttributeValue> item) {
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

    /** The item a paper's first write leaves (what a read of it sees), without a table. */
    static Map<String, AttributeValue> paperItem(Paper paper) {
        Map<String, AttributeValue> item = new HashMap<>(paperKey(paper.id()));
        content(paper, paper.fingerprint()).forEach((name, value) -> value.ifPresent(v -> item.put(name, v)));
        item.putAll(firstWriteOnly(paper));
        return item;
    }

    // The listing entries of a day.

    /** The partition holding a day's listing entries. */
    static String entriesPartition(LocalDate date) {
        return "DAY#" + date;
    }

    static Map<String, AttributeValue> entryKey(LocalDate date, String id) {
        return Map.of(PK, s(entriesPartition(date)), SK, s(PAPER_PREFIX + id));
    }

    static Map<String, AttributeValue> entryItem(LocalDate date, Entry entry) {
        Map<String, AttributeValue> item = new HashMap<>(entryKey(date, entry.paperId()));
        item.put("paperId", s(entry.paperId()));
        item.put("rank", n(entry.rank()));
        item.put("fingerprint", s(entry.fingerprint()));
        return item;
    }

    static Entry entryFrom(Map<String, AttributeValue> item) {
        return new Entry(item.get("paperId").s(), num(item, "rank").orElse(0), item.get("fingerprint").s());
    }

    // The day item.

    static Map<String, AttributeValue> dayItemKey(LocalDate date) {
        return Map.of(PK, s(DAYS_PARTITION), SK, s(date.toString()));
    }

    static Map<String, AttributeValue> dayItem(LocalDate date, List<String> ids, Optional<String> listHash, Instant updatedAt) {
        Map<String, AttributeValue> item = new HashMap<>(dayItemKey(date));
        item.put("count", n(ids.size()));
        item.put(IDS, list(ids));
        listHash.ifPresent(hash -> item.put(LIST_HASH, s(hash)));
        item.put("updatedAt", s(updatedAt.toString()));
        return item;
    }

    static StoredDay dayFrom(Map<String, AttributeValue> item) {
        return new StoredDay(dayCount(item), strings(item, IDS), str(item, LIST_HASH));
    }

    static LocalDate dayDate(Map<String, AttributeValue> item) {
        return LocalDate.parse(item.get(SK).s());
    }

    static int dayCount(Map<String, AttributeValue> item) {
        return num(item, "count").orElse(0);
    }

    // Attribute values.

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }

    private static AttributeValue list(List<String> values) {
        return AttributeValue.fromL(values.stream().map(PaperItems::s).toList());
    }

    private static Optional<String> str(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }

    private static Optional<Integer> num(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::n).map(Integer::parseInt);
    }

    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }
}
