package dev.paperboy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.aws.AwsClients;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/** The proxy itself, against the local AWS: it forwards, and its faults reach the SDK in their real shape. */
class FaultProxyIT {

    @Test
    void forwardsUntouchedRequestsAndInjectsThrottlesTheSdkRecognises() {
        TestStack stack = TestStack.provision();
        try (FaultProxy proxy = FaultProxy.start(stack.aws().endpoint(), 7)) {
            AwsClients viaProxy = new LocalAws(proxy.endpoint(), stack.aws().region(), stack.aws().prefix()).clients();
            String table = stack.name("PapersTable");

            assertEquals(table, viaProxy.dynamoDb().describeTable(r -> r.tableName(table)).table().tableName());
            assertTrue(proxy.forwarded() >= 1);

            // Throttles only: an SDK without retries answers with the exception in its real type.
            proxy.inject(FaultProxy.Fault.of("throttle", FaultProxy.dynamoDb("DescribeTable"), 1.0, FaultProxy.dynamoDbThrottle()));
            try (DynamoDbClient noRetries = DynamoDbClient.builder()
                    .endpointOverride(proxy.endpoint()).region(Region.of(stack.aws().region()))
                    .credentialsProvider(AnonymousCredentialsProvider.create())
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                    .build()) {
                ProvisionedThroughputExceededException throttled = assertThrows(ProvisionedThroughputExceededException.class,
                        () -> noRetries.describeTable(r -> r.tableName(table)));
                assertTrue(throttled.isThrottlingException());
            }

            proxy.clear();
            proxy.inject(new FaultProxy.Fault("twice", FaultProxy.dynamoDb(), 1.0, 2, FaultProxy.dynamoDbThrottle()));
            assertEquals(table, viaProxy.dynamoDb().describeTable(r -> r.tableName(table)).table().tableName(),
                    "two throttles are absorbed by the SDK's retries");
            assertEquals(2, proxy.injected("twice"));

            proxy.clear();
            proxy.inject(FaultProxy.Fault.of("drop", FaultProxy.dynamoDb(), 1.0, new FaultProxy.Action.Drop()));
            assertThrows(SdkClientException.class, () -> viaProxy.dynamoDb().describeTable(r -> r.tableName(table)));

            // The request takes effect, the answer never comes: the client cannot tell this from a drop.
            proxy.clear();
            proxy.inject(new FaultProxy.Fault("lost-answer", FaultProxy.dynamoDb("PutItem"), 1.0, 1, new FaultProxy.Action.ForwardThenDrop()));
            Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("lost-answer"), "sk", AttributeValue.fromS("x"));
            try (DynamoDbClient noRetries = DynamoDbClient.builder()
                    .endpointOverride(proxy.endpoint()).region(Region.of(stack.aws().region()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                    .build()) {
                assertThrows(SdkClientException.class, () -> noRetries.putItem(r -> r.tableName(table).item(item)));
            }
            assertEquals(1, proxy.injected("lost-answer"));
            assertTrue(stack.aws().clients().dynamoDb().getItem(r -> r.tableName(table).key(item)).hasItem(), "the write took effect");

            proxy.clear();
            proxy.inject(FaultProxy.Fault.of("slow", FaultProxy.dynamoDb(), 1.0, new FaultProxy.Action.Delay(Duration.ofMillis(300))));
            long started = System.nanoTime();
            viaProxy.dynamoDb().describeTable(r -> r.tableName(table));
            assertTrue(System.nanoTime() - started >= 300_000_000L);

            // An answer made from the request: the upstream never sees it.
            proxy.clear();
            int forwarded = proxy.forwarded();
            proxy.inject(FaultProxy.Fault.of("answer", FaultProxy.dynamoDb("ListTables"), 1.0, new FaultProxy.Action.Answer(request ->
                    new FaultProxy.Action.Respond(200, java.util.Map.of("Content-Type", "application/x-amz-json-1.0"),
                            "{\"TableNames\":[\"" + request.amzOperation() + "\"]}"))));
            assertEquals(java.util.List.of("ListTables"), viaProxy.dynamoDb().listTables().tableNames());
            assertEquals(forwarded, proxy.forwarded());
        }
    }
}
