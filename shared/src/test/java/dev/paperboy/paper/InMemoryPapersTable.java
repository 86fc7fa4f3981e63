package dev.paperboy.paper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The papers table as sorted maps (partition key, then sort key), logging each request by name;
 * it can be told to leave the next batches unprocessed, as a throttled DynamoDB does.
 */
final class InMemoryPapersTable implements PapersTable {
    private final Map<String, NavigableMap<String, Map<String, AttributeValue>>> partitions = new HashMap<>();
    final List<String> requests = new ArrayList<>();
    /** How many batch writes from now on hand every item back unprocessed. */
    int batchWritesLeftUnprocessed;
    /** How many batch reads from now on hand all but the first key back unprocessed. */
    int batchReadsPartlyUnprocessed;

    @Override
    public Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key, boolean consistent) {
        requests.add("get");
        return item(key).map(Map::copyOf);
    }

    @Override
    public Stream<Map<String, AttributeValue>> query(String pk, SortKeys sortKeys, Order order, boolean consistent) {
        requests.add("query");
        NavigableMap<String, Map<String, AttributeValue>> partition = partitions.getOrDefault(pk, new TreeMap<>());
        Stream<Map.Entry<String, Map<String, AttributeValue>>> items = (order.newestFirst() ? partition.descendingMap() : partition)
                .entrySet().stream();
        return items.filter(e -> matches(sortKeys, e.getKey())).map(e -> Map.copyOf(e.getValue()));
    }

    private static boolean matches(SortKeys sortKeys, String sk) {
        return switch (sortKeys) {
            case SortKeys.Between b -> sk.compareTo(b.from()) >= 0 && sk.compareTo(b.to()) <= 0;
            case SortKeys.AtMost a -> sk.compareTo(a.to()) <= 0;
            case SortKeys.BeginsWith b -> sk.startsWith(b.prefix());
        };
    }

    @Override
    public void update(Map<String, AttributeValue> key, Update update) {
        requests.add("update");
        Map<String, AttributeValue> item = new HashMap<>(item(key).orElse(key));
        item.putAll(update.set());
        update.setIfAbsent().forEach(item::putIfAbsent);
        update.remove().forEach(item::remove);
        put(item);
    }

    @Override
    public List<WriteRequest> batchWrite(List<WriteRequest> writes) {
        requests.add("batchWrite");
        if (writes.size() > 25) {
            throw new IllegalArgumentException("DynamoDB takes at most 25 writes a batch, got " + writes.size());
        }
        if (batchWritesLeftUnprocessed > 0) {
            batchWritesLeftUnprocessed--;
            return writes;
        }
        for (WriteRequest write : writes) {
            if (write.putRequest() != null) {
                put(write.putRequest().item());
            } else {
                Map<String, AttributeValue> key = write.deleteRequest().key();
                partitions.getOrDefault(key.get("pk").s(), new TreeMap<>()).remove(key.get("sk").s());
            }
        }
        return List.of();
    }

    @Override
    public BatchRead batchGet(List<Map<String, AttributeValue>> keys) {
        requests.add("batchGet");
        if (keys.size() > 100) {
            throw new IllegalArgumentException("DynamoDB takes at most 100 keys a batch, got " + keys.size());
        }
        List<Map<String, AttributeValue>> read = keys;
        List<Map<String, AttributeValue>> unprocessed = List.of();
        if (batchReadsPartlyUnprocessed > 0 && keys.size() > 1) {
            batchReadsPartlyUnprocessed--;
            read = keys.subList(0, 1);
            unprocessed = keys.subList(1, keys.size());
        }
        return new BatchRead(read.stream().map(this::item).flatMap(Optional::stream).toList(), unprocessed);
    }

    /** Every item, ordered by partition and sort key: what a test compares before and after. */
    List<Map<String, AttributeValue>> items() {
        return partitions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(p -> p.getValue().values().stream()).toList();
    }

    Optional<Map<String, AttributeValue>> item(Map<String, AttributeValue> key) {
        return Optional.ofNullable(partitions.getOrDefault(key.get("pk").s(), new TreeMap<>()).get(key.get("sk").s()));
    }

    List<Map<String, AttributeValue>> partition(String pk) {
        return List.copyOf(partitions.getOrDefault(pk, new TreeMap<>()).values());
    }

    private void put(Map<String, AttributeValue> item) {
        partitions.computeIfAbsent(item.get("pk").s(), pk -> new TreeMap<>()).put(item.get("sk").s(), Map.copyOf(item));
    }
}
