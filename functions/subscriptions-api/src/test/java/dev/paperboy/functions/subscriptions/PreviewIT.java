package dev.paperboy.functions.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.local.TestStack;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberRepository;
import dev.paperboy.subscriber.Tokens;
import dev.paperboy.web.FormCodec;
import dev.paperboy.web.WebRequest;
import dev.paperboy.web.WebResponse;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The preview of the next digest against the local AWS, through the function's own wiring (its
 * 60 s page cache): papers stored, previews asked as the page's script asks them, DynamoDB
 * requests counted.
 */
class PreviewIT {
    private static final LocalDate THURSDAY = LocalDate.of(2025, 8, 28);
    private static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);
    private static final Preferences SAVED = new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of("diffusion"), 10, 0);
    private static final AtomicInteger READS = new AtomicInteger();
    private static TestStack stack;
    private static SubscriptionsApiWiring wiring;
    private static SubscriberRepository subscribers;
    private static String id;
    private static String token;

    @BeforeAll
    static void setUp() {
        stack = TestStack.provision();
        Env env = new Env(stack.invoker().environment("SubscriptionsApiFunction",
                Map.of("PUBLIC_BASE_URL", "https://paperboy.test", "SUBSCRIBE_ANSWER_FLOOR_MS", "0")));
        AwsClients aws = new AwsClients(env) {
            @Override
            public synchronized DynamoDbClient dynamoDb() {
                return countingReads(super.dynamoDb());
            }
        };
        wiring = new SubscriptionsApiWiring(env, aws, Clock.systemUTC(), Metrics.none());
        DynamoDbClient db = stack.aws().clients().dynamoDb();
        PaperRepository papers = new PaperRepository(db, stack.name("PapersTable"), Clock.systemUTC());
        papers.saveDay(THURSDAY, List.of(SubscriptionsApiIT.paper("2508.90011", "Thursday Paper About Agents", 40, List.of("agents"))), true);
        papers.saveDay(FRIDAY, List.of(SubscriptionsApiIT.paper("2508.90001", "Diffusion & Friends", 120, List.of("diffusion")),
                SubscriptionsApiIT.paper("2508.90002", "Reinforcement Learning for Robots", 80, List.of("robots"))), true);
        subscribers = new SubscriberRepository(db, stack.name("SubscribersTable"));
        EmailAddress email = EmailAddress.parse("previewer@example.org");
        id = SubscriberId.of(stack.keys(), email);
        Instant now = Instant.now();
        assertTrue(subscribers.create(new Subscriber(id, email, Subscriber.Status.CONFIRMED, SAVED, now, now, Optional.of(now), 1),
                Optional.empty()));
        token = URLEncoder.encode(new Tokens(stack.keys(), Clock.systemUTC()).issue(Tokens.Purpose.MANAGE, id), StandardCharsets.UTF_8);
    }

    @Test
    void aChangedKeywordChangesThePreviewWithoutSavingIt() {
        String page = get("/preferences?token=" + token).bodyText();
        String diffusion = get(preview("diffusion", "daily")).bodyText();
        String robots = get(preview("robots", "daily")).bodyText();
        String agentsThisWeek = get(preview("agents", "weekly")).bodyText();

        assertTrue(page.contains("Diffusion &amp; Friends"), "the page shows the saved settings' preview");
        assertTrue(diffusion.contains("Diffusion &amp; Friends") && !diffusion.contains("Robots"), diffusion);
        assertTrue(robots.contains("Reinforcement Learning for Robots") && !robots.contains("Diffusion"), robots);
        assertTrue(robots.contains("From the list of Friday 29 August 2025."), robots);
        assertTrue(agentsThisWeek.contains("Thursday Paper About Agents"), "a week's preview reads the lists before the newest");
        assertTrue(agentsThisWeek.contains("From the 2 lists of Thursday 28 August to Friday 29 August 2025."), agentsThisWeek);
        Subscriber stored = subscribers.find(id).orElseThrow();
        assertEquals(SAVED, stored.preferences(), "a preview saves nothing");
        assertEquals(1, stored.version());
    }

    @Test
    void previewsWhileTypingReadNothingFromDynamoDbOnceTheListsAreCached() {
        get("/preferences?token=" + token);
        get(preview("d", "weekly")); // the page and a first week's preview fill the cache
        int warm = READS.get();
        List<Long> micros = new ArrayList<>();
        String typed = "";
        for (char c : "reinforcement learning".toCharArray()) {
            typed += c;
            long start = System.nanoTime();
            WebResponse answer = get(preview(typed, typed.length() % 2 == 0 ? "daily" : "weekly"));
            micros.add((System.nanoTime() - start) / 1000);
            assertEquals(200, answer.status());
        }
        int reads = READS.get() - warm;
        micros.sort(Long::compare);
        System.out.printf("preview: %d keystrokes, %d DynamoDB reads, median %d us, max %d us%n", micros.size(), reads,
                micros.get(micros.size() / 2), micros.get(micros.size() - 1));

        assertEquals(0, reads, "no profile read, no list read within the page cache");
        assertFalse(get(preview(typed, "daily")).bodyText().contains("Diffusion"));
    }

    private static String preview(String keywords, String frequency) {
        return "/preferences/preview?token=" + token + "&keywords=" + URLEncoder.encode(keywords, StandardCharsets.UTF_8)
                + "&frequency=" + frequency + "&weeklyDay=FRIDAY&hour=7&timeZone=America%2FNew_York&excludedTopics=&followedAuthors="
                + "&maxPapers=10&minUpvotes=0&delivery=both";
    }

    private static WebResponse get(String pathAndQuery) {
        URI uri = URI.create(pathAndQuery);
        return wiring.api().handle(new WebRequest("GET", uri.getRawPath(), FormCodec.decode(uri.getRawQuery()), Map.of("accept", "text/html"),
                new byte[0], "198.51.100.8", "paperboy.test"));
    }

    /** The API's DynamoDB client, counting each read request it makes. */
    private static DynamoDbClient countingReads(DynamoDbClient client) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (List.of("getItem", "query", "batchGetItem", "queryPaginator", "scan").contains(method.getName())) {
                        READS.incrementAndGet();
                    }
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
