package dev.paperboy.functions.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.local.FaultProxy;
import dev.paperboy.local.TestStack;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.paper.SaveResult;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The day item's list hash: an unchanged day is recognised by one GetItem, and a save that
 * writes never leaves a hash that vouches for a list it did not finish storing. Requests are
 * counted at a proxy in front of the local AWS.
 */
class DayListHashIT {
    private static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);
    private static final FaultProxy.Action PASS = new FaultProxy.Action.Delay(Duration.ZERO);

    private TestStack stack;
    private FaultProxy proxy;
    private PaperRepository papers;

    @BeforeEach
    void setUp() {
        stack = TestStack.provision();
        proxy = FaultProxy.start(stack.aws().endpoint(), 3);
        // Never injected (rate 0): these only count what they match.
        proxy.inject(FaultProxy.Fault.of("reads", FaultProxy.dynamoDb("GetItem", "Query", "BatchGetItem"), 0, PASS));
        proxy.inject(FaultProxy.Fault.of("queries", FaultProxy.dynamoDb("Query"), 0, PASS));
        proxy.inject(FaultProxy.Fault.of("writes", FaultProxy.dynamoDb("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"), 0, PASS));
        Map<String, String> env = new HashMap<>(stack.aws().lambdaEnvironment());
        env.put("AWS_ENDPOINT_URL", proxy.endpoint().toString());
        papers = new PaperRepository(new AwsClients(new Env(env)).dynamoDb(), stack.name("PapersTable"), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        proxy.close();
    }

    @Test
    void anUnchangedDayCostsOneReadAndNoWrite() {
        List<Paper> day = day(60, 0);
        papers.saveDay(FRIDAY, day, true);
        int reads = proxy.matched("reads");
        int writes = proxy.matched("writes");

        SaveResult again = papers.saveDay(FRIDAY, day, true);

        assertEquals(new SaveResult(0, 60, 0, 0), again);
        assertEquals(1, proxy.matched("reads") - reads, "one GetItem of the day item");
        assertEquals(0, proxy.matched("writes") - writes);
    }

    @Test
    void aChangedPaperIsFoundByComparingEntriesAndTheNewListIsThenRecognised() {
        papers.saveDay(FRIDAY, day(30, 0), true);
        int queries = proxy.matched("queries");

        SaveResult changed = papers.saveDay(FRIDAY, day(30, 5), true);
        SaveResult again = papers.saveDay(FRIDAY, day(30, 5), true);

        assertEquals(new SaveResult(1, 29, 0, 1), changed);
        assertEquals(1, proxy.matched("queries") - queries, "the changed list is compared entry by entry, the same list again is not");
        assertEquals(new SaveResult(0, 30, 0, 0), again);
        assertEquals(5, papers.paper(id(0)).orElseThrow().upvotes() - 100);
    }

    @Test
    void aDayStoredWithoutAHashGetsOneOnItsNextUnchangedFetch() {
        papers.saveDay(FRIDAY, day(20, 0), true);
        stack.aws().clients().dynamoDb().updateItem(r -> r.tableName(stack.name("PapersTable")).key(dayKey()).updateExpression("REMOVE listHash"));
        int writes = proxy.matched("writes");

        assertEquals(new SaveResult(0, 20, 0, 0), papers.saveDay(FRIDAY, day(20, 0), true));
        assertEquals(1, proxy.matched("writes") - writes, "only the day item, now with its hash");
        assertTrue(dayItem().containsKey("listHash"));
        assertEquals(20, Integer.parseInt(dayItem().get("count").n()));
    }

    @Test
    void aSaveCutShortLeavesNoHashSoTheNextRunComparesEntries() {
        papers.saveDay(FRIDAY, day(30, 0), true);
        proxy.inject(FaultProxy.Fault.of("entries fail", FaultProxy.dynamoDb("BatchWriteItem"), 1.0, FaultProxy.internalError()));

        assertThrows(SdkException.class, () -> papers.saveDay(FRIDAY, day(30, 7), true));
        assertFalse(dayItem().containsKey("listHash"), "the hash no longer vouches for a list half stored");

        proxy.clear();
        proxy.inject(FaultProxy.Fault.of("queries after", FaultProxy.dynamoDb("Query"), 0, PASS));
        assertEquals(new SaveResult(1, 29, 0, 1), papers.saveDay(FRIDAY, day(30, 7), true));
        assertEquals(1, proxy.matched("queries after"));
        assertTrue(dayItem().containsKey("listHash"));
    }

    @Test
    void aPartialListNeverSetsAHash() {
        papers.saveDay(FRIDAY, day(30, 0), true);

        papers.saveDay(FRIDAY, day(10, 9), false);

        assertFalse(dayItem().containsKey("listHash"));
        assertEquals(30, Integer.parseInt(dayItem().get("count").n()), "the entries beyond the partial list stay");
    }

    private Map<String, AttributeValue> dayKey() {
        return Map.of("pk", AttributeValue.fromS("DAYS"), "sk", AttributeValue.fromS(FRIDAY.toString()));
    }

    private Map<String, AttributeValue> dayItem() {
        return stack.aws().clients().dynamoDb().getItem(r -> r.tableName(stack.name("PapersTable")).key(dayKey()).consistentRead(true)).item();
    }

    private static String id(int i) {
        return "2508.9" + String.format("%04d", i);
    }

    /** {@code count} papers; the first gains {@code moreUpvotes}. */
    private static List<Paper> day(int count, int moreUpvotes) {
        return IntStream.range(0, count).mapToObj(i -> new Paper(id(i), "Paper " + i, "An abstract of paper " + i + ".",
                List.of("Author One"), Optional.empty(), Optional.empty(), 100 + (i == 0 ? moreUpvotes : -i), 0, Optional.empty(),
                List.of("testing"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), FRIDAY)).toList();
    }
}
