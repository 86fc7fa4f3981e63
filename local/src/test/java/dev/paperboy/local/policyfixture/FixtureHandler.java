package dev.paperboy.local.policyfixture;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.paperboy.aws.Priming;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A handler for FunctionPolicyTest to analyse, never run: each way code reaches (or does not reach)
 * an AWS operation, once.
 */
public final class FixtureHandler implements RequestStreamHandler {
    private static final DynamoDbClient DB = DynamoDbClient.builder().build();
    private static final Priming PRIMING = priming();
    private final Store store = new DynamoStore(DB);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        store.read("key");                                                       // interface call: GetItem
        List.of("key").forEach(key -> DB.putItem(r -> r.tableName("table")));    // in a lambda: PutItem
        DB.queryPaginator(r -> r.tableName("table")).items().forEach(item -> { }); // a paginator: Query
    }

    /** Read-only calls for SnapStart's snapshot, which the role may deny. */
    static Priming priming() {
        return Priming.register("fixture", List.of(new Priming.Step("dynamodb", () -> DB.describeTable(r -> r.tableName("table")))));
    }

    /** Nothing calls it. */
    static void neverCalled() {
        DB.scan(r -> r.tableName("table"));
    }

    interface Store {
        void read(String key);
    }

    record DynamoStore(DynamoDbClient db) implements Store {
        @Override
        public void read(String key) {
            db.getItem(r -> r.tableName("table"));
        }
    }

    /** Implements the same interface, but nothing makes one. */
    record UnusedStore(DynamoDbClient db) implements Store {
        @Override
        public void read(String key) {
            db.deleteItem(r -> r.tableName("table"));
        }
    }
}
