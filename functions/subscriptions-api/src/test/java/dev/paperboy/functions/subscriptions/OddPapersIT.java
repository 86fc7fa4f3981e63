package dev.paperboy.functions.subscriptions;

import static dev.paperboy.local.ReliabilityReport.counts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.render.DigestRenderer;
import dev.paperboy.subscriber.Period;
import dev.paperboy.digest.Ranker;
import dev.paperboy.render.RenderedDigest;
import dev.paperboy.json.Json;
import dev.paperboy.local.ReliabilityReport;
import dev.paperboy.mail.MimeDigest;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.testkit.XmlChars;
import dev.paperboy.web.WebResponse;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Scenario oddpaper-1: papers no source should send, stored through the repository into the local
 * AWS and read back through its read path, then shown by every page and feed the API serves and
 * rendered as a digest: any text (U+FFFE, U+FFFF, C0 controls, NUL, markup, CDATA ends, emoji),
 * times across Instant's whole range (+10000-01-01, year 0, negative years, Instant.MIN and MAX),
 * extreme counts. Never a 5xx, the feed always parses as XML, and no character XML forbids leaves
 * in a page, the feed or a digest.
 */
class OddPapersIT {
    private static final String MAIL_FROM = "Paperboy <digest@paperboy.test>";
    private static final AtomicLong TRIES = new AtomicLong();
    private static final AtomicLong PAPERS = new AtomicLong();
    private static final AtomicLong ODD_DATES = new AtomicLong();
    private static final AtomicLong FORBIDDEN_IN = new AtomicLong();
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final AtomicLong SERVER_ERRORS = new AtomicLong();
    private static final AtomicLong BROKEN_FEEDS = new AtomicLong();
    private static final AtomicLong FORBIDDEN_OUT = new AtomicLong();
    private static final AtomicLong DIGESTS = new AtomicLong();
    private static final AtomicLong DIGEST_FAILURES = new AtomicLong();
    private static ApiHarness h;
    private static LocalDate day;

    @BeforeContainer
    static void setUp() {
        h = new ApiHarness();
        day = new ListingCalendar(h.clock).latest();
    }

    /** Text as odd as a store can hold: anything, or the pieces that break XML, HTML and formats. */
    private static Arbitrary<String> oddText() {
        Arbitrary<String> pieces = Arbitraries.of("\uFFFE", "\uFFFF", "\u0000", "\u0001", "\u0008", "\u000B", "\u000C", "\u001B[31m", "\u001F",
                "\u007F", "\u0085", "\u2028", "\uFDD0", "\uD83D\uDE80", "\uDBFF\uDFFF", "]]>", "<script>alert(1)</script>", "&amp;", "&#xFFFE;",
                "\"'", "\r\n", "\t", " ", "word", "Ünïcödé", "x".repeat(400));
        Arbitrary<String> glued = pieces.list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join("", parts));
        // Lone surrogates cannot be stored (they are not UTF-8): the store's own write refuses them.
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(60).map(OddPapersIT::withoutLoneSurrogates);
        return Arbitraries.oneOf(glued, anything, glued.flatMap(a -> anything.map(b -> a + b)));
    }

    /** Times across Instant's range, edges first; most outside years 0001-9999. */
    private static Arbitrary<Optional<Instant>> oddTimes() {
        Arbitrary<Instant> edges = Arbitraries.of(Instant.MIN, Instant.MAX, Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("0000-12-31T23:59:59Z"), Instant.parse("-0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("0001-01-01T00:00:00Z"), Instant.EPOCH, Instant.parse("2025-08-29T00:57:09.392Z"));
        Arbitrary<Instant> any = Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()).map(Instant::ofEpochSecond);
        return Arbitraries.oneOf(edges, any).optional(0.8);
    }

    @Provide
    Arbitrary<List<Paper>> oddPapers() {
        Arbitrary<Integer> counts = Arbitraries.oneOf(Arbitraries.integers().between(0, 500),
                Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE, -1));
        Arbitrary<Optional<String>> links = Arbitraries.oneOf(oddText(), oddText().map(t -> "https://github.com/" + t)).optional(0.5);
        Arbitrary<Paper> paper = Builders.withBuilder(OddPaper::new)
                .use(Arbitraries.integers().between(0, 9999)).in((p, n) -> p.with(b -> b.id = String.format("2508.9%04d", n)))
                .use(oddText()).in((p, t) -> p.with(b -> b.title = t))
                .use(oddText()).in((p, t) -> p.with(b -> b.abstractText = t))
                .use(oddText().list().ofMaxSize(5)).in((p, t) -> p.with(b -> b.authors = t))
                .use(oddTimes()).in((p, t) -> p.with(b -> b.publishedAt = t))
                .use(oddTimes()).in((p, t) -> p.with(b -> b.listedAt = t))
                .use(counts).in((p, n) -> p.with(b -> b.upvotes = n))
                .use(counts).in((p, n) -> p.with(b -> b.comments = n))
                .use(oddText().optional(0.5)).in((p, t) -> p.with(b -> b.aiSummary = t))
                .use(oddText().list().ofMaxSize(4)).in((p, t) -> p.with(b -> b.aiKeywords = t))
                .use(links).in((p, t) -> p.with(b -> b.githubRepo = t))
                .use(counts.optional(0.5)).in((p, n) -> p.with(b -> b.githubStars = n))
                .use(links).in((p, t) -> p.with(b -> b.projectPage = t))
                .use(links).in((p, t) -> p.with(b -> b.thumbnail = t))
                .use(Arbitraries.of(LocalDate.of(2025, 8, 29), LocalDate.MIN, LocalDate.MAX, LocalDate.of(1, 1, 1))).in((p, d) -> p.with(b -> b.firstListed = d))
                .build(OddPaper::paper);
        return paper.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 50)
    void anyStoredPaperLeavesEveryPageFeedAndDigestWellFormed(@ForAll("oddPapers") List<Paper> papers) throws Exception {
        TRIES.incrementAndGet();
        PAPERS.addAndGet(papers.size());
        papers.forEach(p -> {
            ODD_DATES.addAndGet(p.publishedAt().filter(t -> !inYears1To9999(t)).isPresent() ? 1 : 0);
            ODD_DATES.addAndGet(p.listedAt().filter(t -> !inYears1To9999(t)).isPresent() ? 1 : 0);
            FORBIDDEN_IN.addAndGet(XmlChars.firstForbidden(p.title() + p.abstractText() + p.authors() + p.aiKeywords() + p.aiSummary()) >= 0 ? 1 : 0);
        });
        h.storeDay(day, papers);
        String word = searchWord(papers.get(0).title());
        List<String> failures = new ArrayList<>();

        for (String target : List.of("/", "/?date=" + day, "/?q=" + word, "/api/papers?date=" + day, "/api/papers", "/feed.xml",
                "/feed.xml?q=" + word)) {
            WebResponse response = h.get(target, "accept", target.startsWith("/api/") ? "application/json" : "text/html");
            REQUESTS.incrementAndGet();
            String body = response.bodyText();
            if (response.status() >= 500) {
                SERVER_ERRORS.incrementAndGet();
                failures.add(target + " answered " + response.status() + ": " + body);
                continue;
            }
            if (target.startsWith("/feed.xml")) {
                try {
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
                } catch (Exception e) {
                    BROKEN_FEEDS.incrementAndGet();
                    failures.add(target + " is not well-formed XML: " + e.getMessage());
                }
            }
            if (target.startsWith("/api/")) {
                JsonNode json = Json.MAPPER.readTree(response.body());
                if (response.status() != 200 || !json.path("papers").isArray()) {
                    failures.add(target + " answered " + response.status() + ": " + body);
                }
            } else if (XmlChars.firstForbidden(body) >= 0) {
                FORBIDDEN_OUT.incrementAndGet();
                failures.add(target + " carries a character XML forbids at " + XmlChars.firstForbidden(body));
            }
        }

        digest(failures);
        record();
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures).replace("\u0000", "\\0"));
        }
    }

    /** The day's papers as the sender reads, ranks and renders them, into the MIME message SES would get. */
    private static void digest(List<String> failures) {
        DIGESTS.incrementAndGet();
        try {
            List<Paper> stored = h.papers.papersOf(day);
            Preferences preferences = new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of(), 10, 0);
            List<Paper> chosen = Ranker.rank(Ranker.prepare(stored), preferences, Set.of());
            if (chosen.isEmpty()) {
                return;
            }
            RenderedDigest digest = new DigestRenderer().render(new Period(Preferences.Frequency.DAILY, day), chosen, preferences,
                    new DigestRenderer.Links("https://p.test/preferences?token=m", "https://p.test/unsubscribe?token=u",
                            "https://p.test/digests/" + day + "-daily?token=d", "https://p.test/"));
            MimeDigest.build(MAIL_FROM, EmailAddress.parse("reader@example.org"), digest, "https://p.test/unsubscribe?token=u");
            for (String part : List.of(digest.html(), digest.text(), digest.subject())) {
                if (XmlChars.firstForbidden(part) >= 0) {
                    FORBIDDEN_OUT.incrementAndGet();
                    failures.add("the digest carries a character XML forbids: " + part);
                }
            }
        } catch (RuntimeException e) {
            DIGEST_FAILURES.incrementAndGet();
            failures.add("the digest failed: " + e);
        }
    }

    private static String searchWord(String title) {
        String word = title.strip().split("\\s+", 2)[0];
        return URLEncoder.encode(word.substring(0, Math.min(word.length(), 40)), StandardCharsets.UTF_8);
    }

    private static boolean inYears1To9999(Instant t) {
        return !t.isBefore(Instant.parse("0001-01-01T00:00:00Z")) && t.isBefore(Instant.parse("+10000-01-01T00:00:00Z"));
    }

    private static String withoutLoneSurrogates(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().filter(c -> Character.getType(c) != Character.SURROGATE).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static void record() {
        boolean clean = SERVER_ERRORS.get() == 0 && BROKEN_FEEDS.get() == 0 && FORBIDDEN_OUT.get() == 0 && DIGEST_FAILURES.get() == 0;
        ReliabilityReport.record(new ReliabilityReport.Row("oddpaper-1-odd-stored-papers",
                "Odd papers stored through the repository into the local AWS, then read by GET /, /?date=, /?q=, /api/papers, /feed.xml, "
                        + "/feed.xml?q= and ranked, rendered and built into a digest's MIME message (jqwik)",
                "any text (U+FFFE, U+FFFF, C0 controls, NUL, noncharacters, markup, `]]>`, emoji) in every field; times across Instant's "
                        + "range (+10000-01-01, year 0, negative years, Instant.MIN/MAX); counts from Integer.MIN_VALUE to MAX_VALUE",
                counts("tries", TRIES.get(), "papersStored", PAPERS.get(), "datesOutsideYears1To9999", ODD_DATES.get(),
                        "papersWithForbiddenCharacters", FORBIDDEN_IN.get(), "requests", REQUESTS.get(), "http5xx", SERVER_ERRORS.get(),
                        "feedsNotWellFormed", BROKEN_FEEDS.get(), "outputsWithForbiddenCharacters", FORBIDDEN_OUT.get(),
                        "digestsRendered", DIGESTS.get(), "digestFailures", DIGEST_FAILURES.get()),
                clean ? "no 5xx, every feed parsed as XML, no page, feed or digest carried a character XML forbids; dates outside "
                        + "0001-9999 were read back as no date, the feed's pubDate fell back or was left out"
                        : "FAILED: " + SERVER_ERRORS.get() + " 5xx, " + BROKEN_FEEDS.get() + " broken feeds, " + FORBIDDEN_OUT.get()
                        + " outputs with forbidden characters, " + DIGEST_FAILURES.get() + " digest failures"));
    }

    /** A paper's fields as the builder fills them. */
    static final class OddPaper {
        String id = "2508.90001";
        String title = "t";
        String abstractText = "";
        List<String> authors = List.of();
        Optional<Instant> publishedAt = Optional.empty();
        Optional<Instant> listedAt = Optional.empty();
        int upvotes;
        int comments;
        Optional<String> aiSummary = Optional.empty();
        List<String> aiKeywords = List.of();
        Optional<String> githubRepo = Optional.empty();
        Optional<Integer> githubStars = Optional.empty();
        Optional<String> projectPage = Optional.empty();
        Optional<String> thumbnail = Optional.empty();
        LocalDate firstListed = LocalDate.of(2025, 8, 29);

        OddPaper with(java.util.function.Consumer<OddPaper> change) {
            change.accept(this);
            return this;
        }

        Paper paper() {
            return new Paper(id, title, abstractText, authors, publishedAt, listedAt, upvotes, comments, aiSummary, aiKeywords, githubRepo,
                    githubStars, projectPage, thumbnail, firstListed);
        }
    }
}
