package dev.paperboy.paper;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The requests {@link PaperRepository} makes of the papers table, and nothing more: DynamoDB in
 * the functions ({@link DynamoDbPapersTable}), a sorted map in the repository's unit tests.
 */
interface PapersTable {
    /** The item under {@code key}, if there is one. */
    Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key, boolean consistent);

    /** The items of partition {@code pk} whose sort keys match, in sort key order (newest first if asked), read page by page as consumed. */
    Stream<Map<String, AttributeValue>> query(String pk, SortKeys sortKeys, Order order, boolean consistent);

    /** Sets, sets where absent, and removes attributes of the item under {@code key} (creating it if need be). */
    void update(Map<String, AttributeValue> key, Update update);

    /** At most 25 puts and deletes in one request; returns those the table left unprocessed. */
    List<WriteRequest> batchWrite(List<WriteRequest> writes);

    /** At most 100 keys in one request: the items found, and the keys the table left unprocessed. */
    BatchRead batchGet(List<Map<String, AttributeValue>> keys);

    /** Which sort keys of a partition a query reads. */
    sealed interface SortKeys {
        record Between(String from, String to) implements SortKeys {
        }

        record AtMost(String to) implements SortKeys {
        }

        record BeginsWith(String prefix) implements SortKeys {
        }
    }

    /** Newest first reads in pages of {@code pageSize}: it is used to stop at the first match. */
    record Order(boolean newestFirst, int pageSize) {
        static final Order OLDEST_FIRST = new Order(false, 0);

        static Order newestFirst(int pageSize) {
            return new Order(true, pageSize);
        }
    }

    record Update(Map<String, AttributeValue> set, Map<String, AttributeValue> setIfAbsent, List<String> remove) {
        static Update removing(String attribute) {
            return new Update(Map.of(), Map.of(), List.of(attribute));
        }
    }

    record BatchRead(List<Map<String, AttributeValue>> items, List<Map<String, AttributeValue>> unprocessed) {
    }
}
