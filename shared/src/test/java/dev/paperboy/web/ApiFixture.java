package dev.paperboy.web;

import dev.paperboy.digest.DigestArchive;
import dev.paperboy.digest.DigestHistory;
import dev.paperboy.digest.SubscriberFeed;
import dev.paperboy.metrics.RecordingMetrics;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperCatalog;
import dev.paperboy.paper.PaperLookup;
import dev.paperboy.paper.Papers;
import dev.paperboy.subscriber.Period;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The subscriptions API on fakes of its ports (subscriptions, papers, the digest archive): requests
 * in, responses out, no AWS. Requests come from one client address at https://paperboy.test.
 */
final class ApiFixture {
    static final String BASE = "https://paperboy.test";
    static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);

    final FakeSubscriptions subscriptions = new FakeSubscriptions();
    final FakePapers papers = new FakePapers();
    final Map<String, String> digests = new HashMap<>();
    final RecordingMetrics metrics = new RecordingMetrics();
    /** Each subscriber's delivered digests, newest first, as DigestRecords reads them. */
    final Map<String, List<DigestHistory.Delivered>> delivered = new HashMap<>();
    /** Batch reads of papers for feeds. */
    int feedPaperReads;
    final SubscriptionsApi api;

    /** Posts and reads allowed per client address before the limiters answer 429. */
    ApiFixture(int posts, int reads) {
        Clock still = Clock.fixed(FakeSubscriptions.NOW, ZoneOffset.UTC);
        DigestArchive archive = new DigestArchive() {
            @Override
            public String store(Period period, String subscriberId, String html) {
                digests.put(period.id() + "/" + subscriberId, html);
                return period.id() + "/" + subscriberId;
            }

            @Override
            public Optional<String> read(Period period, String subscriberId) {
                return Optional.ofNullable(digests.get(period.id() + "/" + subscriberId));
            }
        };
        api = new SubscriptionsApi(subscriptions, papers, new RateLimiter(posts, Duration.ofHours(1), still),
                new RateLimiter(reads, Duration.ofHours(1), still), ResponseFloor.of(Duration.ZERO), Optional.of(BASE), archive, metrics,
                new SubscriberFeed((id, max) -> delivered.getOrDefault(id, List.of()).stream().limit(max).toList(), this::papersById));
    }

    /** The fake lists' papers by id, as PaperRepository's batch read finds them. */
    private Map<String, Paper> papersById(List<String> ids) {
        feedPaperReads++;
        Map<String, Paper> found = new HashMap<>();
        papers.lists.values().forEach(day -> day.stream().filter(p -> ids.contains(p.id())).forEach(p -> found.put(p.id(), p)));
        return found;
    }

    ApiFixture() {
        this(1000, 1000);
    }

    WebResponse get(String pathAndQuery, String... headers) {
        return send("GET", pathAndQuery, "", headers);
    }

    WebResponse postForm(String pathAndQuery, String body, String... headers) {
        return send("POST", pathAndQuery, body, with("content-type", "application/x-www-form-urlencoded", headers));
    }

    WebResponse postJson(String pathAndQuery, String json, String... headers) {
        return send("POST", pathAndQuery, json, with("content-type", "application/json", headers));
    }

    WebResponse send(String method, String pathAndQuery, String body, String... headers) {
        URI uri = URI.create(pathAndQuery);
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return api.handle(new WebRequest(method, uri.getRawPath(), FormCodec.decode(uri.getRawQuery()), h,
                body.getBytes(StandardCharsets.UTF_8), "198.51.100.7", "paperboy.test"));
    }

    private static String[] with(String name, String value, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = name;
        all[1] = value;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }

    /** Lists in memory, searched as the catalog searches. */
    static final class FakePapers implements PaperLookup {
        final Map<LocalDate, List<Paper>> lists = new LinkedHashMap<>(Map.of(FRIDAY, List.of(
                Papers.paper("2508.00001", "Diffusion for Everyone", "Denoising, for all.", 120, List.of("diffusion")),
                Papers.paper("2508.00002", "Robots That Read", "Reading robots.", 80, List.of("robots")))));
        /** Every read fails, as a table that cannot be reached. */
        boolean unreachable;
        /** Lists asked for, by day or as the latest listed day. */
        int listsRead;

        @Override
        public List<Paper> day(LocalDate date) {
            listsRead++;
            if (unreachable) {
                throw new IllegalStateException("the papers cannot be read");
            }
            return lists.getOrDefault(date, List.of());
        }

        @Override
        public LocalDate latest() {
            return FRIDAY;
        }

        @Override
        public Optional<Map.Entry<LocalDate, List<Paper>>> latestListedDay() {
            return Optional.of(Map.entry(FRIDAY, day(FRIDAY)));
        }

        @Override
        public List<Paper> search(List<String> terms, int limit) {
            return day(FRIDAY).stream().filter(p -> PaperCatalog.matchesAll(p, terms)).limit(limit).toList();
        }

        @Override
        public List<Paper> recent(int days, List<String> terms, int limit) {
            return search(terms, limit);
        }
    }
}
