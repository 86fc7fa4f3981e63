package dev.paperboy.functions.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.aws.Priming;
import dev.paperboy.local.PrimingCheck;
import dev.paperboy.local.TestStack;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.Tokens;
import dev.paperboy.web.FormCodec;
import dev.paperboy.web.WebRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * SubscriptionsApiFunction's SnapStart priming against the local AWS, with the function's own
 * environment as the checkpoint would run it: every step reaches its service and nothing is
 * written; and it warms the very clients the API then serves with, not copies.
 */
class SubscriptionsApiPrimingIT {
    @Test
    void primingReachesEveryServiceAndWritesNothing() {
        TestStack stack = TestStack.provision();
        Env env = environment(stack);

        PrimingCheck.assertReachesEveryServiceAndWritesNothing(stack,
                new SubscriptionsApiWiring(env, new AwsClients(env), Clock.systemUTC(), Metrics.none()).priming(),
                List.of("http-mapping", "dynamodb", "s3", "ses", "render"));
    }

    @Test
    void primingWarmsTheSameClientsTheApiServesWith() {
        TestStack stack = TestStack.provision();
        Env env = environment(stack);
        // Every call for a client hands out a new wrapper: a graph built twice would show two.
        List<Object> dynamoDbCalled = new ArrayList<>();
        List<Object> s3Called = new ArrayList<>();
        List<Object> sesCalled = new ArrayList<>();
        AwsClients aws = new AwsClients(env) {
            @Override
            public synchronized DynamoDbClient dynamoDb() {
                return recording(DynamoDbClient.class, super.dynamoDb(), dynamoDbCalled);
            }

            @Override
            public synchronized S3Client s3() {
                return recording(S3Client.class, super.s3(), s3Called);
            }

            @Override
            public synchronized SesV2Client ses() {
                return recording(SesV2Client.class, super.ses(), sesCalled);
            }
        };
        SubscriptionsApiWiring wiring = new SubscriptionsApiWiring(env, aws, Clock.systemUTC(), Metrics.none());

        wiring.priming().prime();
        int primedDynamoDb = dynamoDbCalled.size();
        int primedSes = sesCalled.size();
        int primedS3 = s3Called.size();
        var page = wiring.api().handle(request("GET", "/", ""));
        var subscribe = wiring.api().handle(request("POST", "/subscribe", "email=primed-graph%40example.org"));
        String digestToken = new Tokens(stack.keys(), Clock.systemUTC()).issueForDigest(
                SubscriberId.of(stack.keys(), EmailAddress.parse("primed-graph@example.org")), "2025-08-29-daily");
        var digest = wiring.api().handle(request("GET", "/digests/2025-08-29-daily", "token=" + URLEncoder.encode(digestToken, StandardCharsets.UTF_8)));

        assertEquals(200, page.status());
        assertEquals(200, subscribe.status());
        assertEquals(404, digest.status(), "a digest never stored, looked up in the archive");
        assertTrue(dynamoDbCalled.size() > primedDynamoDb && sesCalled.size() > primedSes && s3Called.size() > primedS3,
                "the API called DynamoDB, SES and S3 after the priming");
        assertEquals(1, distinct(dynamoDbCalled), "one DynamoDB client for priming and API");
        assertEquals(1, distinct(sesCalled), "one SES client for priming and API");
        assertEquals(1, distinct(s3Called), "one S3 client for priming and API");
    }

    private static int distinct(List<Object> clients) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.addAll(clients);
        return seen.size();
    }

    private static Env environment(TestStack stack) {
        return new Env(stack.invoker().environment("SubscriptionsApiFunction",
                Map.of("PUBLIC_BASE_URL", "https://paperboy.test", "SUBSCRIBE_ANSWER_FLOOR_MS", "0")));
    }

    private static WebRequest request(String method, String path, String query) {
        boolean post = method.equals("POST");
        return new WebRequest(method, path, FormCodec.decode(post ? "" : query),
                post ? Map.of("content-type", "application/x-www-form-urlencoded") : Map.of(),
                post ? query.getBytes(StandardCharsets.UTF_8) : new byte[0], "198.51.100.9", "paperboy.test");
    }

    /** The client, with each call noting which wrapper it came through. */
    private static <T> T recording(Class<T> type, T client, List<Object> calledThrough) {
        Object[] self = new Object[1];
        self[0] = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() != Object.class) {
                calledThrough.add(self[0]);
            }
            try {
                return method.invoke(client, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(self[0]);
    }
}
