package dev.paperboy.paper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The papers table in DynamoDB: each call of the port is one request (a query, one per page read). */
final class DynamoDbPapersTable implements PapersTable {
    private final DynamoDbClient db;
    private final String table;

    DynamoDbPapersTable(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    @Override
    public Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key, boolean consistent) {
        var response = db.getItem(r -> r.tableName(table).key(key).consistentRead(consistent ? Boolean.TRUE : null));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    @Override
    public Stream<Map<String, AttributeValue>> query(String pk, SortKeys sortKeys, Order order, boolean consistent) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":pk", AttributeValue.fromS(pk));
        String condition = switch (sortKeys) {
            case SortKeys.Between b -> {
                values.put(":from", AttributeValue.fromS(b.from()));
                values.put(":to", AttributeValue.fromS(b.to()));
                yield "pk = :pk AND sk BETWEEN :from AND :to";
            }
            case SortKeys.AtMost a -> {
                values.put(":to", AttributeValue.fromS(a.to()));
                yield "pk = :pk AND sk <= :to";
            }
            case SortKeys.BeginsWith b -> {
                values.put(":prefix", AttributeValue.fromS(b.prefix()));
                yield "pk = :pk AND begins_with(sk, :prefix)";
            }
        };
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).keyConditionExpression(condition)
                .expressionAttributeValues(values);
        if (order.newestFirst()) {
            request.scanIndexForward(false).limit(order.pageSize());
        }
        if (consistent) {
            request.consistentRead(true);
        }
        return db.queryPaginator(request.build()).items().stream();
    }

    @Override
    public void update(Map<String, AttributeValue> key, Update update) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> sets = new ArrayList<>();
        update.set().forEach((attribute, value) -> sets.add(name(names, attribute) + " = " + value(values, value)));
        update.setIfAbsent().forEach((attribute, value) -> {
            String name = name(names, attribute);
            sets.add(name + " = if_not_exists(" + name + ", " + value(values, value) + ")");
        });
        List<String> removes = update.remove().stream().map(attribute -> name(names, attribute)).toList();
        String expression = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets))
                + (removes.isEmpty() ? "" : (sets.isEmpty() ? "" : " ") + "REMOVE " + String.join(", ", removes));
        // DynamoDB refuses an empty map of values.
        db.updateItem(r -> r.tableName(table).key(key).updateExpression(expression).expressionAttributeNames(names)
                .expressionAttributeValues(values.isEmpty() ? null : values));
    }

    private static String name(Map<String, String> names, String attribute) {
        String name = "#a" + names.size();
        names.put(name, attribute);
        return name;
    }

    private static String value(Map<String, AttributeValue> values, AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    @Override
    public List<WriteRequest> batchWrite(List<WriteRequest> writes) {
        BatchWriteItemResponse response = db.batchWriteItem(r -> r.requestItems(Map.of(table, writes)));
        return response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
    }

    @Override
    public BatchRead batchGet(List<Map<String, AttributeValue>> keys) {
        BatchGetItemResponse response = db.batchGetItem(r -> r.requestItems(Map.of(table, KeysAndAttributes.builder().keys(keys).build())));
        List<Map<String, AttributeValue>> unprocessed = response.hasUnprocessedKeys() && response.unprocessedKeys().containsKey(table)
                ? response.unprocessedKeys().get(table).keys() : List.of();
        return new BatchRead(response.responses().getOrDefault(table, List.of()), unprocessed);
    }
}
