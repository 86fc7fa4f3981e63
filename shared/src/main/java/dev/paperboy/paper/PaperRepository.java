package dev.paperboy.paper;

import dev.paperboy.paper.PaperItems.Entry;
import dev.paperboy.paper.PaperItems.StoredDay;
import dev.paperboy.paper.PapersTable.Order;
import dev.paperboy.paper.PapersTable.SortKeys;
import dev.paperboy.paper.PapersTable.Update;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Papers and day listings in one table (the items are described in {@link PaperItems}).
 *
 * <p>The day item holds {@code listHash}, a hash of the whole list (ids and fingerprints in rank
 * order) as a complete save left it, so a re-fetch of an unchanged day costs one GetItem and no
 * writes. A save that writes removes the hash first and sets it last: a run cut short leaves no
 * hash, and the next run compares entry by entry (one Query of the day's entries).
 *
 * <p>The day item is the commit point of a listing: it is written last, in one request, and readers
 * take a day's papers from its ids only. A run cut short (throttling, a timeout) leaves the day as
 * it was, the previous complete listing or none, never a mix; the next run finishes the job.
 */
public final class PaperRepository {
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int BATCH_GET_LIMIT = 100;
    private static final int MAX_BATCH_ATTEMPTS = 8;

    private final PapersTable table;
    private final Clock clock;
    private final Pause pause;

    /** Waits before a batch is retried, in a way tests can replace. */
    @FunctionalInterface
    interface Pause {
        void millis(long millis) throws InterruptedException;
    }

    public PaperRepository(DynamoDbClient db, String table, Clock clock) {
        this(new DynamoDbPapersTable(db, table), clock, Thread::sleep);
    }

    PaperRepository(PapersTable table, Clock clock, Pause pause) {
        this.table = table;
        this.clock = clock;
        this.pause = pause;
    }

    /** A paper with its fingerprint, hashed once per save. */
    private record Fingerprinted(Paper paper, String fingerprint) {
    }

    /**
     * Stores one day's list in rank order, writing only what differs from what is stored.
     * {@code complete} says the list is the whole day: only then are entries that left it removed.
     */
    public SaveResult saveDay(LocalDate date, List<Paper> ranked, boolean listComplete) {
        List<Fingerprinted> list = firstOfEach(ranked).stream().map(p -> new Fingerprinted(p, p.fingerprint())).toList();
        String hash = listHash(list);
        Optional<StoredDay> day = table.get(PaperItems.dayItemKey(date), true).map(PaperItems::dayFrom);
        if (listComplete && day.flatMap(StoredDay::listHash).filter(hash::equals).isPresent()) {
            return new SaveResult(0, list.size(), 0, 0); // unchanged: one GetItem, no writes
        }
        Map<String, Entry> stored = entries(date);
        // An empty answer for a day that had papers is far likelier a glitch than a day emptied:
        // keep what is stored rather than wipe it.
        boolean complete = listComplete && !(list.isEmpty() && day.map(StoredDay::count).orElse(0) > 0);
        List<Fingerprinted> changedPapers = new ArrayList<>();
        List<WriteRequest> entryWrites = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Fingerprinted listed : list) {
            String id = listed.paper().id();
            seen.add(id);
            Entry entry = new Entry(id, seen.size(), listed.fingerprint());
            Optional<Entry> before = Optional.ofNullable(stored.get(id));
            boolean paperChanged = before.map(e -> !e.fingerprint().equals(entry.fingerprint())).orElse(true);
            if (paperChanged) {
                changedPapers.add(listed);
            }
            if (before.filter(entry::equals).isEmpty()) {
                entryWrites.add(put(PaperItems.entryItem(date, entry)));
            }
        }
        int entriesWritten = entryWrites.size();
        List<String> leftTheList = complete
                ? stored.keySet().stream().filter(id -> !seen.contains(id)).toList()
                : List.of();
        leftTheList.forEach(id -> entryWrites.add(WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(PaperItems.entryKey(date, id)).build()).build()));
        Optional<String> storedHash = day.flatMap(StoredDay::listHash);
        if (!entryWrites.isEmpty() && storedHash.isPresent()) {
            // The stored hash stops vouching for the list before any of it changes.
            table.update(PaperItems.dayItemKey(date), Update.removing(PaperItems.LIST_HASH));
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
            day.map(StoredDay::ids).orElseGet(() -> byRank(stored)).stream().filter(id -> !seen.contains(id)).forEach(ids::add);
        }
        // Only a complete list is the whole day as stored; after a partial one the hash stays unset.
        Optional<String> newHash = complete ? Optional.of(hash) : storedHash;
        if (day.map(StoredDay::ids).filter(ids::equals).isEmpty() || !storedHash.equals(newHash)) {
            batchWrite(List.of(put(PaperItems.dayItem(date, ids, newHash, clock.instant()))));
        }
        return new SaveResult(entriesWritten, seen.size() - entriesWritten, leftTheList.size(), changedPapers.size());
    }

    /** The list without repeats: a list that names a paper twice keeps its first, higher rank. */
    private static List<Paper> firstOfEach(List<Paper> ranked) {
        Set<String> ids = new HashSet<>();
        return ranked.stream().filter(p -> ids.add(p.id())).toList();
    }

    /** What the day's entries say, in rank order: ids and fingerprints, hashed. */
    private static String listHash(List<Fingerprinted> list) {
        StringBuilder text = new StringBuilder();
        list.forEach(listed -> text.append(listed.paper().id()).append('\u001f').append(listed.fingerprint()).append('\u001e'));
        return ShortHash.of(text.toString());
    }

    /**
     * A paper written to an item and read back, without DynamoDB: SnapStart priming runs the
     * mapping that every read of papers uses, where the tables may hold no paper yet.
     */
    public static Paper throughItem(Paper paper) {
        return PaperItems.paperFrom(PaperItems.paperItem(paper));
    }

    /** The papers listed on a day, in rank order: the last complete listing, or none. */
    public List<Paper> papersOf(LocalDate date) {
        // Never fetched, or its first fetch never finished: entries alone are not a listing.
        List<String> ids = table.get(PaperItems.dayItemKey(date), false).map(PaperItems::dayFrom).map(StoredDay::ids).orElse(List.of());
        Map<String, Paper> byId = papers(ids);
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    public Optional<Paper> paper(String id) {
        return table.get(PaperItems.paperKey(id), false).map(PaperItems::paperFrom);
    }

    /** The days fetched from {@code from} to {@code to}, both included, in date order (empty days too). */
    public List<LocalDate> daysBetween(LocalDate from, LocalDate to) {
        return days(from, to).stream().map(PaperItems::dayDate).toList();
    }

    /** How many papers the days from {@code from} to {@code to} list together. */
    public int papersListedBetween(LocalDate from, LocalDate to) {
        return days(from, to).stream().mapToInt(PaperItems::dayCount).sum();
    }

    /** The most recent day on or before {@code onOrBefore} that lists papers. */
    public Optional<LocalDate> latestDayWithPapers(LocalDate onOrBefore) {
        // Pages are read lazily: newest first, so this stops at the first day with papers.
        return table.query(PaperItems.DAYS_PARTITION, new SortKeys.AtMost(onOrBefore.toString()), Order.newestFirst(20), false)
                .filter(item -> PaperItems.dayCount(item) > 0)
                .map(PaperItems::dayDate)
                .findFirst();
    }

    /** The day items from {@code from} to {@code to}. */
    private List<Map<String, AttributeValue>> days(LocalDate from, LocalDate to) {
        return table.query(PaperItems.DAYS_PARTITION, new SortKeys.Between(from.toString(), to.toString()), Order.OLDEST_FIRST, false)
                .toList();
    }

    /** A day without a day item yet (its first save was cut short): the entries' ranks are its listing. */
    private static List<String> byRank(Map<String, Entry> entries) {
        return entries.values().stream()
                .sorted(Comparator.comparingInt(Entry::rank))
                .map(Entry::paperId)
                .toList();
    }

    private Map<String, Entry> entries(LocalDate date) {
        Map<String, Entry> entries = new HashMap<>();
        table.query(PaperItems.entriesPartition(date), new SortKeys.BeginsWith(PaperItems.PAPER_PREFIX), Order.OLDEST_FIRST, true)
                .map(PaperItems::entryFrom)
                .forEach(entry -> entries.put(entry.paperId(), entry));
        return entries;
    }

    /** Sets the content, removes what the source no longer says, and keeps the first day it was listed. */
    private void writePaper(Fingerprinted listed) {
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        PaperItems.content(listed.paper(), listed.fingerprint()).forEach((name, value) -> value.ifPresentOrElse(
                v -> set.put(name, v), () -> remove.add(name)));
        set.putAll(PaperItems.written(clock.instant()));
        table.update(PaperItems.paperKey(listed.paper().id()), new Update(set, PaperItems.firstWriteOnly(listed.paper()), remove));
    }

    /** Papers by id, in batches; ids not found are absent from the map. */
    public Map<String, Paper> papers(List<String> ids) {
        Map<String, Paper> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + BATCH_GET_LIMIT))
                    .stream().map(PaperItems::paperKey).toList();
            for (int attempt = 0; !keys.isEmpty(); attempt++) {
                pauseBeforeRetry(attempt);
                PapersTable.BatchRead read = table.batchGet(keys);
                read.items().stream().map(PaperItems::paperFrom).forEach(paper -> found.put(paper.id(), paper));
                keys = read.unprocessed();
            }
        }
        return found;
    }

    private void batchWrite(List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_LIMIT) {
            List<WriteRequest> batch = writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_LIMIT));
            for (int attempt = 0; !batch.isEmpty(); attempt++) {
                pauseBeforeRetry(attempt);
                batch = table.batchWrite(batch);
            }
        }
    }

    /** Unprocessed batch items mean throttling: back off, and give up loudly rather than spin. */
    private void pauseBeforeRetry(int attempt) {
        if (attempt == 0) {
            return;
        }
        if (attempt > MAX_BATCH_ATTEMPTS) {
            // What it is: throttling the SDK could not retry for us; callers handle it as any DynamoDB failure.
            throw ProvisionedThroughputExceededException.builder()
                    .message("DynamoDB left batch items unprocessed after " + MAX_BATCH_ATTEMPTS + " tries").build();
        }
        try {
            pause.millis(Math.min(2_000L, 25L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a DynamoDB batch", e);
        }
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }
}
