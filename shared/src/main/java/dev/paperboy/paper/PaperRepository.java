package dev.paperboy.paper;

import static dev.paperboy.paper.PaperItems.PK;
import static dev.paperboy.paper.PaperItems.SK;
import static dev.paperboy.paper.PaperItems.n;
import static dev.paperboy.paper.PaperItems.s;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Papers and day listings in one table.
 * <ul>
 *   <li>paper: {@code pk=PAPER#<arXiv id>, sk=PAPER}, every field a digest reads;</li>
 *   <li>listing entry: {@code pk=DAY#<date>, sk=PAPER#<id>}, its rank and the paper's fingerprint;</li>
 *   <li>day: {@code pk=DAYS, sk=<date>}, how many papers the day lists and their ids in rank order
 *   (the listing's index). All days in one small partition, so the latest day with papers and the
 *   days of a week are each one Query.</li>
 * </ul>
 * The day item also holds {@code listHash}, a hash of the whole list (ids and fingerprints in rank
 * order) as a complete save left it, so a re-fetch of an unchanged day costs one GetItem and no
 * writes. A save that writes removes the hash first and sets it last: a run cut short leaves no
 * hash, and the next run compares entry by entry (one Query of {@code DAY#<date>}).
 *
 * <p>The day item is the commit point of a listing: it is written last, in one request, and readers
 * take a day's papers from its ids only. A run cut short (throttling, a timeout) leaves the day as
 * it was, the previous complete listing or none, never a mix; the next run finishes the job.
 */
public final class PaperRepository {
    private static final String DAYS_PK = "DAYS";
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int BATCH_GET_LIMIT = 100;
    private static final int MAX_BATCH_ATTEMPTS = 8;
    /** The day item's ids: at most pages x page size (10 x 100) arXiv ids, about 15 KB, far below 400 KB. */
    private static final String IDS = "ids";
    /** The day item's hash of the whole list as a complete save left it (see {@link #listHash}). */
    private static final String LIST_HASH = "listHash";

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    public PaperRepository(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    /**
     * Stores one day's list in rank order, writing only what differs from what is stored.
     * {@code complete} says the list is the whole day: only then are entries that left it removed.
     */
    public SaveResult saveDay(LocalDate date, List<Paper> ranked, boolean listComplete) {
        List<Paper> list = firstOfEach(ranked);
        String hash = listHash(list);
        DayItem day = dayItem(date);
        if (listComplete && day.listHash().filter(hash::equals).isPresent()) {
            return new SaveResult(0, list.size(), 0); // unchanged: one GetItem, no writes
        }
        Map<String, Entry> stored = entries(date);
        // An empty answer for a day that had papers is far likelier a glitch than a day emptied:
        // keep what is stored rather than wipe it.
        boolean complete = listComplete && !(list.isEmpty() && day.count().orElse(0) > 0);
        List<Paper> changedPapers = new ArrayList<>();
        List<WriteRequest> entryWrites = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Paper paper : list) {
            seen.add(paper.id());
            int rank = seen.size();
            String fingerprint = paper.fingerprint();
            Optional<Entry> before = Optional.ofNullable(stored.get(paper.id()));
            boolean paperChanged = before.map(e -> !e.fingerprint().equals(fingerprint)).orElse(true);
            boolean rankChanged = before.map(e -> e.rank() != rank).orElse(true);
            if (paperChanged) {
                changedPapers.add(paper);
            }
            if (paperChanged || rankChanged) {
                entryWrites.add(put(entryItem(date, paper.id(), rank, fingerprint)));
            }
        }
        int written = entryWrites.size();
        List<String> leftTheList = complete
                ? stored.keySet().stream().filter(id -> !seen.contains(id)).toList()
                : List.of();
        leftTheList.forEach(id -> entryWrites.add(WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(entryKey(date, id)).build()).build()));
        Optional<String> storedHash = day.listHash();
        if (!entryWrites.isEmpty() && storedHash.isPresent()) {
            // The stored hash stops vouching for the list before any of it changes.
            db.updateItem(r -> r.tableName(table).key(dayKeyOf(date)).updateExpression("REMOVE listHash"));
            storedHash = Optional.empty();
        }
        // Papers, then entries, the day last: a run cut short leaves stale fingerprints behind,
        // so the next run sees the difference and writes again.
        changedPapers.forEach(this::writePaper);
        batchWrite(entryWrites);
        // The listing readers see: this run's ids, and when the list was not the whole day, the
        // stored ones it did not name (their entries were kept above too).
        List<String> ids = new ArrayList<>(seen);
        if (!complete) {
            day.listing().orElseGet(() -> byRank(stored)).stream().filter(id -> !seen.contains(id)).forEach(ids::add);
        }
        // Only a complete list is the whole day as stored; after a partial one the hash stays unset.
        Optional<String> newHash = complete ? Optional.of(hash) : storedHash;
        if (day.listing().filter(ids::equals).isEmpty() || !storedHash.equals(newHash)) {
            batchWrite(List.of(put(dayItem(date, ids, newHash))));
        }
        return new SaveResult(written, seen.size() - written, leftTheList.size());
    }

    /** The list without repeats: a list that names a paper twice keeps its first, higher rank. */
    private static List<Paper> firstOfEach(List<Paper> ranked) {
        Set<String> ids = new HashSet<>();
        return ranked.stream().filter(p -> ids.add(p.id())).toList();
    }

    /** What the day's entries say, in rank order: ids and fingerprints, hashed. */
    static String listHash(List<Paper> list) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Paper paper : list) {
                sha.update((paper.id() + "\u001f" + paper.fingerprint() + "\u001e").getBytes(StandardCharsets.UTF_8));
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest()).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * A paper written to an item and read back, without DynamoDB: SnapStart priming runs the
     * mapping that every read of papers uses, where the tables may hold no paper yet.
     */
    public static Paper throughItem(Paper paper) {
        Map<String, AttributeValue> item = new HashMap<>(PaperItems.key(paper.id()));
        PaperItems.content(paper).forEach((name, value) -> value.ifPresent(v -> item.put(name, v)));
        item.put("firstListed", PaperItems.s(paper.firstListed().toString()));
        return PaperItems.fromItem(item);
    }

    /** The papers listed on a day, in rank order: the last complete listing, or none. */
    public List<Paper> papersOf(LocalDate date) {
        var day = db.getItem(r -> r.tableName(table).key(dayKeyOf(date)));
        if (!day.hasItem() || day.item().isEmpty()) {
            return List.of(); // never fetched, or its first fetch never finished: entries alone are not a listing
        }
        List<String> ids = day.item().containsKey(IDS) ? PaperItems.strings(day.item(), IDS) : byRank(entries(date));
        Map<String, Paper> byId = papers(ids);
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    public Optional<Paper> paper(String id) {
        return Optional.of(db.getItem(r -> r.tableName(table).key(PaperItems.key(id))))
                .filter(r -> r.hasItem() && !r.item().isEmpty())
                .map(r -> PaperItems.fromItem(r.item()));
    }

    /** The days fetched from {@code from} to {@code to}, both included, in date order (empty days too). */
    public List<LocalDate> daysBetween(LocalDate from, LocalDate to) {
        return days(from, to).stream().map(Map.Entry::getKey).toList();
    }

    /** How many papers the days from {@code from} to {@code to} list together. */
    public int papersListedBetween(LocalDate from, LocalDate to) {
        return days(from, to).stream().mapToInt(Map.Entry::getValue).sum();
    }

    /** The most recent day on or before {@code onOrBefore} that lists papers. */
    public Optional<LocalDate> latestDayWithPapers(LocalDate onOrBefore) {
        // Pages are read lazily: newest first, so this stops at the first day with papers.
        return db.queryPaginator(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk AND sk <= :to")
                        .expressionAttributeValues(Map.of(":pk", s(DAYS_PK), ":to", s(onOrBefore.toString())))
                        .scanIndexForward(false).limit(20).build())
                .items().stream()
                .filter(item -> PaperItems.num(item, "count").orElse(0) > 0)
                .map(item -> LocalDate.parse(item.get(SK).s()))
                .findFirst();
    }

    /** Each day item from {@code from} to {@code to} with its paper count. */
    private List<Map.Entry<LocalDate, Integer>> days(LocalDate from, LocalDate to) {
        return db.queryPaginator(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":pk", s(DAYS_PK), ":from", s(from.toString()), ":to", s(to.toString())))
                        .build())
                .items().stream()
                .map(item -> Map.entry(LocalDate.parse(item.get(SK).s()), PaperItems.num(item, "count").orElse(0)))
                .toList();
    }

    private record Entry(int rank, String fingerprint) {
    }

    /** The day item's count, listing and list hash (none without a day item; no listing in one written before ids). */
    private record DayItem(Optional<Integer> count, Optional<List<String>> listing, Optional<String> listHash) {
    }

    private DayItem dayItem(LocalDate date) {
        var day = db.getItem(r -> r.tableName(table).key(dayKeyOf(date)).consistentRead(true));
        if (!day.hasItem() || day.item().isEmpty()) {
            return new DayItem(Optional.empty(), Optional.empty(), Optional.empty());
        }
        return new DayItem(PaperItems.num(day.item(), "count"),
                day.item().containsKey(IDS) ? Optional.of(PaperItems.strings(day.item(), IDS)) : Optional.empty(),
                PaperItems.str(day.item(), LIST_HASH));
    }

    /** Day items written before they held ids: the entries' ranks are their listing. */
    private static List<String> byRank(Map<String, Entry> entries) {
        return entries.entrySet().stream()
                .sorted(Comparator.comparingInt(e -> e.getValue().rank()))
                .map(Map.Entry::getKey)
                .toList();
    }

    private Map<String, Entry> entries(LocalDate date) {
        Map<String, Entry> entries = new HashMap<>();
        db.queryPaginator(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :paper)")
                        .expressionAttributeValues(Map.of(":pk", s(dayKey(date)), ":paper", s("PAPER#")))
                        .consistentRead(true).build())
                .items()
                .forEach(item -> entries.put(item.get("paperId").s(),
                        new Entry(PaperItems.num(item, "rank").orElse(0), item.get("fingerprint").s())));
        return entries;
    }

    /** Sets the content, removes what the source no longer says, and keeps the first day it was listed. */
    private void writePaper(Paper paper) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Optional<AttributeValue>> a : PaperItems.content(paper).entrySet()) {
            String name = "#a" + i;
            names.put(name, a.getKey());
            if (a.getValue().isPresent()) {
                values.put(":v" + i, a.getValue().get());
                sets.add(name + " = :v" + i);
            } else {
                removes.add(name);
            }
            i++;
        }
        names.put("#first", "firstListed");
        names.put("#updated", "updatedAt");
        values.put(":first", s(paper.firstListed().toString()));
        values.put(":updated", s(clock.instant().toString()));
        sets.add("#first = if_not_exists(#first, :first)");
        sets.add("#updated = :updated");
        String update = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        db.updateItem(r -> r.tableName(table).key(PaperItems.key(paper.id()))
                .updateExpression(update)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    /** Papers by id, in batches; ids not found are absent from the map. */
    public Map<String, Paper> papers(List<String> ids) {
        Map<String, Paper> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + BATCH_GET_LIMIT))
                    .stream().map(PaperItems::key).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                pauseBeforeRetry(attempt);
                Map<String, KeysAndAttributes> current = request;
                BatchGetItemResponse response = db.batchGetItem(r -> r.requestItems(current));
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> found.put(item.get("id").s(), PaperItems.fromItem(item)));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    private void batchWrite(List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_LIMIT) {
            Map<String, List<WriteRequest>> request =
                    Map.of(table, writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_LIMIT)));
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                pauseBeforeRetry(attempt);
                Map<String, List<WriteRequest>> current = request;
                BatchWriteItemResponse response = db.batchWriteItem(r -> r.requestItems(current));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    /** Unprocessed batch items mean throttling: back off, and give up loudly rather than spin. */
    private static void pauseBeforeRetry(int attempt) {
        if (attempt == 0) {
            return;
        }
        if (attempt > MAX_BATCH_ATTEMPTS) {
            // What it is: throttling the SDK could not retry for us; callers handle it as any DynamoDB failure.
            throw ProvisionedThroughputExceededException.builder()
                    .message("DynamoDB left batch items unprocessed after " + MAX_BATCH_ATTEMPTS + " tries").build();
        }
        try {
            Thread.sleep(Math.min(2_000L, 25L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a DynamoDB batch", e);
        }
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static String dayKey(LocalDate date) {
        return "DAY#" + date;
    }

    private static Map<String, AttributeValue> entryKey(LocalDate date, String id) {
        return Map.of(PK, s(dayKey(date)), SK, s(PaperItems.paperKey(id)));
    }

    private static Map<String, AttributeValue> entryItem(LocalDate date, String id, int rank, String fingerprint) {
        Map<String, AttributeValue> item = new HashMap<>(entryKey(date, id));
        item.put("paperId", s(id));
        item.put("rank", n(rank));
        item.put("fingerprint", s(fingerprint));
        return item;
    }

    private static Map<String, AttributeValue> dayKeyOf(LocalDate date) {
        return Map.of(PK, s(DAYS_PK), SK, s(date.toString()));
    }

    private Map<String, AttributeValue> dayItem(LocalDate date, List<String> ids, Optional<String> listHash) {
        Map<String, AttributeValue> item = new HashMap<>(dayKeyOf(date));
        item.put("count", n(ids.size()));
        item.put(IDS, AttributeValue.fromL(ids.stream().map(PaperItems::s).toList()));
        listHash.ifPresent(hash -> item.put(LIST_HASH, s(hash)));
        item.put("updatedAt", s(clock.instant().toString()));
        return item;
    }
}
