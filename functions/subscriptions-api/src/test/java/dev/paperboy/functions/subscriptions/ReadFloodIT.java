package dev.paperboy.functions.subscriptions;

import static dev.paperboy.local.ReliabilityReport.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.local.ReliabilityReport;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.PaperCatalog;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.Tokens;
import dev.paperboy.web.WebResponse;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One client reading as fast as it can (issue 11): it is slowed per client, others and one-click
 * unsubscribes are not, and what GET / shows is read once per container per minute.
 */
class ReadFloodIT {
    private static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);
    private static final String FLOODER = "203.0.113.66";
    private static final String SOMEONE_ELSE = "203.0.113.7";
    private static ApiHarness h;

    @BeforeAll
    static void setUp() {
        h = new ApiHarness(ApiHarness.Options.standard().withGetLimiter(SubscriptionsApiWiring::getLimiter));
        h.storeDay(FRIDAY, List.of(SubscriptionsApiIT.paper("2508.90001", "Diffusion for Everyone", 120, List.of("diffusion")),
                SubscriptionsApiIT.paper("2508.90002", "Robots That Read", 80, List.of("robots"))));
    }

    @Test
    void oneClientFloodingReadsIsSlowedWhileOthersAndLeavingKeepWorking() {
        String email = ApiHarness.newAddress();
        h.subscribe(email);
        h.confirm(h.linkInLatestMail(email, "/confirm"));
        String unsubscribe = "/unsubscribe?token=" + h.token(Tokens.Purpose.UNSUBSCRIBE, email);

        int flood = 300;
        int ok = 0;
        int throttled = 0;
        int withRetryAfter = 0;
        List<String> paths = List.of("/", "/feed.xml", "/api/papers?date=2025-08-29", "/?date=2025-08-29");
        for (int i = 0; i < flood; i++) {
            WebResponse r = h.sendFrom(FLOODER, "GET", paths.get(i % paths.size()), new byte[0]);
            ok += r.status() == 200 ? 1 : 0;
            throttled += r.status() == 429 ? 1 : 0;
            withRetryAfter += r.status() == 429 && r.headers().containsKey("Retry-After") ? 1 : 0;
        }
        WebResponse other = h.sendFrom(SOMEONE_ELSE, "GET", "/", new byte[0]);
        WebResponse leavingPage = h.sendFrom(FLOODER, "GET", unsubscribe, new byte[0]);
        WebResponse oneClick = h.sendFrom(FLOODER, "POST", unsubscribe, "List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8),
                "content-type", "application/x-www-form-urlencoded");
        h.clock.advance(Duration.ofSeconds(1));
        int afterASecond = 0;
        for (int i = 0; i < 5; i++) {
            afterASecond += h.sendFrom(FLOODER, "GET", "/", new byte[0]).status() == 200 ? 1 : 0;
        }
        Subscriber.Status status = h.subscriber(email).status();

        boolean held = ok == 120 && throttled == flood - 120 && withRetryAfter == throttled && other.status() == 200
                && leavingPage.status() == 200 && oneClick.status() == 200 && status == Subscriber.Status.UNSUBSCRIBED && afterASecond == 2;
        ReliabilityReport.record(new ReliabilityReport.Row("abuse-6-get-flood-per-client",
                "One client floods the page, the feed and the JSON with GETs",
                flood + " GETs from one address at once (/, /feed.xml, /api/papers, /?date=), then a GET from another address, "
                        + "the flooder's own unsubscribe page and one-click POST, and 5 GETs a second later",
                counts("floodRequests", flood, "served", ok, "http429", throttled, "http429WithRetryAfter", withRetryAfter,
                        "otherClientStatus", other.status(), "unsubscribePageStatus", leavingPage.status(),
                        "oneClickStatus", oneClick.status(), "servedASecondLater", afterASecond),
                held ? "the first 120 served, the rest 429 with Retry-After, then 2 a second; another client, and the flooder's own "
                        + "unsubscribe page and one-click unsubscribe, were served at once"
                        : "NOT HELD: served " + ok + ", 429 " + throttled + ", other " + other.status() + ", leaving "
                        + leavingPage.status() + "/" + oneClick.status()));

        assertEquals(120, ok, "a burst of 120 reads per client");
        assertEquals(flood - 120, throttled);
        assertEquals(throttled, withRetryAfter, "every 429 says when to come back");
        assertEquals(200, other.status(), "other clients are not held back");
        assertEquals(200, leavingPage.status(), "a valid unsubscribe link is never limited");
        assertEquals(200, oneClick.status());
        assertEquals(Subscriber.Status.UNSUBSCRIBED, status);
        assertEquals(2, afterASecond, "then two a second");
    }

    @Test
    void whatThePageShowsIsReadOncePerMinuteNotOncePerView() {
        AtomicInteger reads = new AtomicInteger();
        DynamoDbClient counting = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (List.of("getItem", "query", "batchGetItem", "queryPaginator").contains(method.getName())) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(h.aws.dynamoDb(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        PaperCatalog catalog = new PaperCatalog(new PaperRepository(counting, h.stack.name("PapersTable"), h.clock),
                new ListingCalendar(h.clock), h.clock, Duration.ofMinutes(5), 28, SubscriptionsApiWiring.PAGE_CACHE);

        int views = 50;
        int firstView = 0;
        for (int i = 0; i < views; i++) {
            // What GET / and GET /?date= read.
            var latest = catalog.latestListedDay().orElseThrow();
            assertEquals(FRIDAY, latest.getKey());
            assertEquals(2, latest.getValue().size());
            assertEquals(2, catalog.day(FRIDAY).size());
            if (i == 0) {
                firstView = reads.get();
            }
        }
        int afterViews = reads.get();
        h.clock.advance(SubscriptionsApiWiring.PAGE_CACHE.plusSeconds(1));
        catalog.latestListedDay();
        catalog.day(FRIDAY);
        int afterAMinute = reads.get() - afterViews;

        boolean held = afterViews == firstView && afterAMinute == firstView;
        ReliabilityReport.record(new ReliabilityReport.Row("abuse-7-page-cache",
                "Page views in a burst, each reading the day's list from DynamoDB",
                views + " views of what GET / and GET /?date= read, within a minute, through one container's catalog; then one "
                        + "view after the " + SubscriptionsApiWiring.PAGE_CACHE.toSeconds() + " s cache",
                counts("views", views, "readsFirstView", firstView, "readsAllViews", afterViews, "readsAfterCache", afterAMinute),
                held ? "the first view read DynamoDB (" + firstView + " requests), the other " + (views - 1)
                        + " read nothing; after a minute, one view read again" : "NOT HELD: " + afterViews + " reads for " + views + " views"));

        assertTrue(firstView > 0, "the first view reads the tables");
        assertEquals(firstView, afterViews, "views within the minute read nothing");
        assertEquals(firstView, afterAMinute, "after the minute, read again");
    }
}
