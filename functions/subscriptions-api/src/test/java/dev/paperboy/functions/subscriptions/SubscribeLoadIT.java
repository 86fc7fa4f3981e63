package dev.paperboy.functions.subscriptions;

import static dev.paperboy.local.ReliabilityReport.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.local.Outbox;
import dev.paperboy.local.ReliabilityReport;
import dev.paperboy.local.TestStack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenario 11: 200 concurrent subscribe requests for 50 addresses against the local API server
 * (the function's handler behind LocalInvoker's HTTP server on loopback, one request at a time as one
 * Lambda instance takes them, against the local AWS: what is measured is one instance's handling
 * under a burst, not `sam local start-api`'s own request path, which `make serve` and BrowserIT use).
 * Each address's requests come from a loopback address of its own (127.0.1.x), as people's
 * would: the per-client limiter (20 posts, then one per 3 s) is not what is measured here.
 */
class SubscribeLoadIT {
    private static final int ADDRESSES = 50;
    private static final int REQUESTS = 200;
    private static final long DEADLINE_SECONDS = 40;
    private static TestStack stack;
    private static Process server;
    private static int port;

    record Result(String email, int status, long millis, String error) {
    }

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.provision();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // No mail files: the server would read all of the local AWS's state after every POST to find new mail.
        // The handler's own cost under load: without the subscribe answer floor (which one request at a time
        // through one handler would turn into 200 x 500 ms of queueing) and with a confirmation share
        // that does not pace 50 mails over 50 s (SubscribeAbuseIT covers both).
        server = stack.invoker().serve("SubscriptionsApiFunction", port, Map.of("PUBLIC_BASE_URL", "http://127.0.0.1:" + port,
                        "SUBSCRIBE_ANSWER_FLOOR_MS", "0", "CONFIRMATION_SEND_RATE_PER_SECOND", "1000"),
                ProcessBuilder.Redirect.to(Path.of("target", "subscribe-load-api.log").toFile()), false);
        long until = System.currentTimeMillis() + 30_000;
        while (true) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                break;
            } catch (IOException notYet) {
                if (System.currentTimeMillis() > until || !server.isAlive()) {
                    throw new IllegalStateException("the local API server did not start; see target/subscribe-load-api.log");
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoHundredConcurrentSubscribesGetNo5xxAndEachAddressOneMail() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < ADDRESSES; i++) {
            addresses.add("load-" + run + "-" + i + "@example.org");
        }
        // One request first, so that the server's first-request costs (class loading, SDK clients) are not in the figures.
        Result warmUp = subscribe("127.0.1.254", "load-" + run + "-warm@example.org");

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        List<Result> results = new ArrayList<>();
        long started;
        long wallMillis;
        long unfinished = 0;
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int address = i % ADDRESSES;
                futures.add(pool.submit(() -> {
                    go.await();
                    return subscribe("127.0.1." + (address + 1), addresses.get(address));
                }));
            }
            started = System.nanoTime();
            go.countDown();
            long deadline = started + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            for (Future<Result> f : futures) {
                try {
                    results.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    unfinished++;
                }
            }
            wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        } finally {
            pool.shutdownNow();
        }

        Set<String> ours = Set.copyOf(addresses);
        Map<String, Long> mails = new HashMap<>();
        for (Outbox.Mail mail : new Outbox(stack.aws().endpoint()).all()) {
            mail.to().stream().filter(ours::contains).forEach(to -> mails.merge(to, 1L, Long::sum));
        }
        long accepted = results.stream().filter(r -> r.status() == 202).count();
        long limited = results.stream().filter(r -> r.status() == 429).count();
        long serverErrors = results.stream().filter(r -> r.status() >= 500).count();
        long failed = results.stream().filter(r -> r.status() < 0).count();
        long totalMails = mails.values().stream().mapToLong(Long::longValue).sum();
        long duplicated = mails.values().stream().filter(n -> n > 1).count();
        long unmailed = addresses.stream().filter(a -> !mails.containsKey(a)).count();
        List<Long> latencies = results.stream().filter(r -> r.status() > 0).map(Result::millis).sorted().toList();
        long p50 = percentile(latencies, 50);
        long p95 = percentile(latencies, 95);
        long max = latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1);

        boolean ok = serverErrors == 0 && failed == 0 && unfinished == 0 && accepted == REQUESTS && duplicated == 0 && unmailed == 0;
        ReliabilityReport.record(new ReliabilityReport.Row("11-subscribe-load",
                REQUESTS + " concurrent subscribe requests for " + ADDRESSES + " addresses against the local API server (the handler in one JVM behind an HTTP server on loopback)",
                "load only: all requests released at once, each address's 4 from its own loopback source (127.0.1.x), since from "
                        + "127.0.0.1 alone the per-client limiter (20 posts, then 1 per 3 s) would answer 180 of them 429; "
                        + "the server hands one request at a time to the handler, as one Lambda instance takes them; the "
                        + "subscribe answer floor (500 ms) off and the confirmations' SES share at 1000/s, so that this measures "
                        + "the handler's own cost (abuse-4 and abuse-5 measure those two)",
                counts("requests", REQUESTS, "accepted202", accepted, "http429", limited, "http5xx", serverErrors, "connectionErrors", failed,
                        "unfinished", unfinished, "mails", totalMails, "addressesMailedTwice", duplicated, "addressesNotMailed", unmailed,
                        "p50Ms", p50, "p95Ms", p95, "maxMs", max, "wallMs", wallMillis, "warmUpMs", warmUp.millis()),
                (ok ? "no 5xx, every request accepted, exactly one confirmation mail per address"
                        : "FAILED: " + serverErrors + " 5xx, " + failed + " connection errors, " + unfinished + " unfinished, "
                        + duplicated + " addresses mailed twice, " + unmailed + " not mailed")
                        + "; latency p50 " + p50 + " ms, p95 " + p95 + " ms (" + String.format("%.1f", REQUESTS * 1000.0 / Math.max(1, wallMillis))
                        + " requests/s through one handler: queueing, not per-request cost, sets p95)"));

        assertEquals(0, serverErrors, "no 5xx: " + results.stream().filter(r -> r.status() >= 500).toList());
        assertEquals(0, failed + unfinished, "every request answered within " + DEADLINE_SECONDS + " s: "
                + results.stream().filter(r -> r.status() < 0).toList());
        assertEquals(REQUESTS, accepted, "every request accepted: " + results.stream().collect(Collectors.groupingBy(Result::status, Collectors.counting())));
        assertEquals(0, duplicated, "at most one confirmation mail per address per window: " + mails);
        assertEquals(0, unmailed, "every address got its confirmation mail");
        assertTrue(warmUp.status() == 202, "the warm-up request was accepted: " + warmUp);
    }

    /** One POST /subscribe over a connection from the given loopback source address. */
    private static Result subscribe(String source, String email) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 30_000);
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            byte[] body = ("email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&keywords=agents&frequency=daily")
                    .getBytes(StandardCharsets.UTF_8);
            String head = "POST /subscribe HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: application/json\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(response.substring(9, 12));
            return new Result(email, status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), "");
        } catch (IOException | RuntimeException e) {
            return new Result(email, -1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), e.toString());
        }
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
