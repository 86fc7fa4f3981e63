package dev.paperboy.functions.subscriptions;

import static dev.paperboy.local.ReliabilityReport.counts;

import dev.paperboy.local.ReliabilityReport;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.keys.KeyRing;
import dev.paperboy.keys.Keys;
import dev.paperboy.subscriber.Tokens;
import dev.paperboy.web.WebResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Scenario 9: random requests against the API on the local AWS, through the handler's own API
 * Gateway event parsing: any method, path, query string, headers (any name and value, CR LF, NUL)
 * and body (invalid UTF-8, control characters, 1 MB, markup), and forged tokens on the token
 * paths. Never a 5xx, never markup echoed unescaped, never a change to a subscription without a
 * valid token.
 */
class HostileRequestsIT {
    private static final String MARK = "<x-evil onload=1>";
    private static final int MEGABYTE = 1024 * 1024;
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final AtomicLong FORGED = new AtomicLong();
    private static final AtomicLong MEGABYTE_BODIES = new AtomicLong();
    private static final AtomicLong SERVER_ERRORS = new AtomicLong();
    private static final AtomicLong ECHOES = new AtomicLong();
    private static final AtomicLong CHANGES = new AtomicLong();
    private static ApiHarness h;
    private static String subscriber;
    private static String subscriberId;
    private static long version;

    @BeforeContainer
    static void setUp() {
        h = new ApiHarness();
        subscriber = ApiHarness.newAddress();
        subscriberId = h.subscriberId(subscriber);
        h.subscribe(subscriber, "keywords", "agents");
        h.confirm(h.linkInLatestMail(subscriber, "/confirm"));
        version = h.subscriber(subscriber).version();
    }

    record Request(String method, String path, String query, List<String> headers, byte[] body) {
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "G\r\nET", "", "P\u0000OST");
        Arbitrary<String> path = Arbitraries.oneOf(
                Arbitraries.of("/", "/subscribe", "/confirm", "/preferences", "/unsubscribe", "/api/papers", "/feed.xml",
                        "/static/style.css", "/static/preview.js", "/preferences/preview", "/digests/2025-08-29-daily", "/digests/../../etc/passwd", "/%00", "//", "/subscribe/"),
                Arbitraries.strings().ofMaxLength(40).map(s -> "/" + s));
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of(MARK, "%ZZ", "%C3%28", "%00%0d%0a", "a".repeat(5000), "email=" + MARK + "@x.org",
                        "token=" + MARK, "date=" + MARK, "q=" + MARK, "date=2025-02-30", "date=0001-01-01", "q=%F0%9F%9A%80"));
        Arbitrary<String> query = Arbitraries.oneOf(text.map(t -> t.replace(" ", "%20").replace("#", "%23")), randomQueries());
        Arbitrary<byte[]> body = Arbitraries.oneOf(
                text.map(t -> t.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                invalidUtf8(),
                Arbitraries.of(new byte[70_000], ("{\"email\":\"" + MARK + "\",\"keywords\":[\"" + MARK + "\"]}").getBytes(StandardCharsets.UTF_8),
                        ("email=" + subscriber + "&keywords=hacked&frequency=weekly").getBytes(StandardCharsets.UTF_8)),
                megabyteBodies());
        return Combinators.combine(method, path, query, headers(), body).as(Request::new);
    }

    /** {@code accept} and {@code content-type} often, and any other names and values: CR LF, NUL, markup. */
    private static Arbitrary<List<String>> headers() {
        Arbitrary<String> accept = Arbitraries.of("text/html", "application/json", "*/*", "", "application/json, text/html", MARK, "\u0000");
        Arbitrary<String> contentType = Arbitraries.of("application/x-www-form-urlencoded", "application/json", "text/plain", "",
                "application/x-www-form-urlencoded; charset=latin1", "multipart/form-data; boundary=" + MARK, MARK);
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
                Arbitraries.of("cookie", "host", "x-forwarded-for", "x-forwarded-host", "content-length", "transfer-encoding", "origin",
                        "referer", "user-agent", "Accept", "CONTENT-TYPE", "x\r\ninjected", "a\u0000b", MARK));
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                Arbitraries.of(MARK, "a\r\nSet-Cookie: session=" + MARK, "\u0000", "\r\n\r\n<html>" + MARK, "x".repeat(10_000),
                        "-1", "99999999999999999999", "chunked", "evil.example"));
        Arbitrary<List<String>> extra = Combinators.combine(name, value).as(List::of).list().ofMaxSize(6)
                .map(pairs -> pairs.stream().flatMap(List::stream).toList());
        return Combinators.combine(accept, contentType, extra).as((a, c, rest) -> {
            List<String> all = new ArrayList<>(List.of("accept", a, "content-type", c));
            all.addAll(rest);
            return all;
        });
    }

    /** key=value pairs with the API's own names and random percent-encoded bytes (invalid UTF-8 too). */
    private static Arbitrary<String> randomQueries() {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("token", "email", "q", "date", "keywords", "frequency", "", "%", "=="),
                Arbitraries.strings().alpha().ofMaxLength(8));
        Arbitrary<String> encodedBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(bytes -> {
            StringBuilder s = new StringBuilder();
            for (byte b : bytes) {
                s.append('%').append(String.format("%02X", b & 0xff));
            }
            return s.toString();
        });
        Arbitrary<String> value = Arbitraries.oneOf(encodedBytes, Arbitraries.strings().ofMaxLength(30)
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)), Arbitraries.of("%", "%2", "%%", "%u0041", "+", "&&&", MARK));
        return Combinators.combine(key, value).as((k, v) -> k + "=" + v).list().ofMaxSize(6).map(pairs -> String.join("&", pairs));
    }

    private static Arbitrary<byte[]> invalidUtf8() {
        return Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF, (byte) 0xFE, 0}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAF})
                .list().ofMinSize(1).ofMaxSize(50).map(parts -> {
                    byte[] prefix = ("email=x%40y.org&keywords=").getBytes(StandardCharsets.UTF_8);
                    int length = prefix.length + parts.stream().mapToInt(p -> p.length).sum();
                    byte[] all = Arrays.copyOf(prefix, length);
                    int at = prefix.length;
                    for (byte[] p : parts) {
                        System.arraycopy(p, 0, all, at, p.length);
                        at += p.length;
                    }
                    return all;
                });
    }

    /** 1 MB: random bytes, a form and JSON with markup, invalid UTF-8. Built once; generating them per try would cost more than sending them. */
    private static Arbitrary<byte[]> megabyteBodies() {
        byte[] random = new byte[MEGABYTE];
        new Random(9).nextBytes(random);
        byte[] form = ("email=" + MARK + "&keywords=" + MARK.repeat(MEGABYTE / MARK.length())).getBytes(StandardCharsets.UTF_8);
        byte[] json = ("{\"email\":\"a@b.org\",\"keywords\":\"" + MARK.repeat(MEGABYTE / MARK.length()) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] invalid = new byte[MEGABYTE];
        for (int i = 0; i < invalid.length; i += 2) {
            invalid[i] = (byte) 0xC3;
            invalid[i + 1] = 0x28;
        }
        return Arbitraries.of(random, form, json, invalid);
    }

    @Property(tries = 300)
    void neverA5xxNeverAnUnescapedEchoNeverAChangeWithoutAToken(@ForAll("requests") Request r) {
        send(r, false);
    }

    record Forged(String kind, String token) {
    }

    /** The subscriber's own tokens, altered: truncated, a character's case flipped, re-spelt, re-signed, another id, or random. */
    @Provide
    Arbitrary<Forged> forgedTokens() {
        Arbitrary<String> genuine = Arbitraries.of(Tokens.Purpose.class).map(p -> p == Tokens.Purpose.DIGEST
                ? h.tokens.issueForDigest(subscriberId, "2025-08-29-daily") : h.tokens.issue(p, subscriberId));
        Arbitrary<Forged> truncated = Combinators.combine(genuine, Arbitraries.integers().between(0, 100))
                .as((t, cut) -> new Forged("truncated", t.substring(0, cut % t.length())));
        Arbitrary<Forged> caseFlipped = Combinators.combine(genuine, Arbitraries.integers().between(0, 100)).as((t, at) -> {
            int i = at % t.length();
            char c = t.charAt(i);
            char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
            return new Forged("case flipped", t.substring(0, i) + flipped + t.substring(i + 1));
        });
        Arbitrary<Forged> respelt = Combinators.combine(genuine, Arbitraries.integers().between(1, 3)).as((t, spare) -> {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            char last = t.charAt(t.length() - 1);
            return new Forged("signature re-spelt", t.substring(0, t.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ spare));
        });
        Arbitrary<Forged> resigned = Combinators.combine(Arbitraries.of(Tokens.Purpose.class),
                        Arbitraries.strings().alpha().ofMinLength(KeyRing.MIN_LENGTH).ofMaxLength(48))
                .as((p, key) -> new Forged("re-signed", new Tokens(Keys.fixed(KeyRing.secretValue(key, java.util.Optional.empty())), h.clock)
                        .issue(p, subscriberId)));
        Arbitrary<Forged> otherId = genuine.map(t -> new Forged("another id, same signature",
                t.substring(0, 7) + (t.charAt(7) == 'a' ? "b" : "a") + t.substring(8)));
        Arbitrary<Forged> random = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
                .ofLength(43).map(mac -> new Forged("random", "u" + h.keys.signingKey().id() + subscriberId + ".t1qu0m." + mac));
        Arbitrary<Forged> wrongPurpose = genuine.map(t -> new Forged("wrong purpose", t));
        return Arbitraries.oneOf(truncated, caseFlipped, respelt, resigned, otherId, random, wrongPurpose, Arbitraries.of(new Forged("markup", MARK)));
    }

    @Property(tries = 150)
    void aForgedTokenChangesNothing(@ForAll("forgedTokens") Forged forged,
                                    @ForAll("tokenPaths") Tuple.Tuple2<String, Tokens.Purpose> path,
                                    @ForAll("placements") String placement,
                                    @ForAll("methodsAndAccepts") Tuple.Tuple2<String, String> methodAndAccept) {
        // A genuine token for the path's own purpose is not a forgery (another purpose's is).
        Assume.that(h.tokens.verify(path.get2(), forged.token()).isEmpty());
        String encoded = URLEncoder.encode(forged.token(), StandardCharsets.UTF_8);
        String change = "keywords=hacked&frequency=weekly&minUpvotes=99&List-Unsubscribe=One-Click";
        Request r = switch (placement) {
            case "query" -> new Request(methodAndAccept.get1(), path.get1(), "token=" + encoded, List.of("accept", methodAndAccept.get2(),
                    "content-type", "application/x-www-form-urlencoded"), change.getBytes(StandardCharsets.UTF_8));
            case "form" -> new Request(methodAndAccept.get1(), path.get1(), "", List.of("accept", methodAndAccept.get2(),
                    "content-type", "application/x-www-form-urlencoded"), ("token=" + encoded + "&" + change).getBytes(StandardCharsets.UTF_8));
            default -> new Request(methodAndAccept.get1(), path.get1(), "", List.of("accept", methodAndAccept.get2(), "content-type", "application/json"),
                    ("{\"token\":" + dev.paperboy.json.Json.MAPPER.valueToTree(forged.token()) + ",\"keywords\":\"hacked\"}").getBytes(StandardCharsets.UTF_8));
        };
        send(r, true);
    }

    @Provide
    Arbitrary<Tuple.Tuple2<String, Tokens.Purpose>> tokenPaths() {
        return Arbitraries.of(Tuple.of("/confirm", Tokens.Purpose.CONFIRM), Tuple.of("/preferences", Tokens.Purpose.MANAGE),
                Tuple.of("/preferences/preview", Tokens.Purpose.MANAGE),
                Tuple.of("/unsubscribe", Tokens.Purpose.UNSUBSCRIBE), Tuple.of("/digests/2025-08-29-daily", Tokens.Purpose.DIGEST));
    }

    @Provide
    Arbitrary<String> placements() {
        return Arbitraries.of("query", "form", "json");
    }

    @Provide
    Arbitrary<Tuple.Tuple2<String, String>> methodsAndAccepts() {
        return Combinators.combine(Arbitraries.of("GET", "POST"), Arbitraries.of("text/html", "application/json"))
                .as(Tuple::of);
    }

    /** Sends, counts what it sees, records the row so far, and only then checks. */
    private static void send(Request r, boolean forged) {
        String target = r.path() + (r.query().isEmpty() ? "" : "?" + r.query());
        WebResponse response = h.sendEvent(r.method(), r.path(), r.query(), r.body(), r.headers().toArray(String[]::new));
        Subscriber after = h.subscriber(subscriber);

        boolean serverError = response.status() >= 500;
        boolean echoed = response.bodyText().contains(MARK) || response.headers().entrySet().stream()
                .anyMatch(e -> (e.getKey() + e.getValue()).contains(MARK) || (e.getKey() + e.getValue()).chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0));
        boolean changed = after.version() != version || after.status() != Subscriber.Status.CONFIRMED
                || !after.preferences().keywords().equals(List.of("agents"));
        REQUESTS.incrementAndGet();
        if (forged) {
            FORGED.incrementAndGet();
        }
        if (r.body().length >= MEGABYTE) {
            MEGABYTE_BODIES.incrementAndGet();
        }
        if (serverError) {
            SERVER_ERRORS.incrementAndGet();
        }
        if (echoed) {
            ECHOES.incrementAndGet();
        }
        if (changed) {
            CHANGES.incrementAndGet();
        }
        record();

        String described = r.method() + " " + target.substring(0, Math.min(target.length(), 300)) + " headers " + r.headers().stream()
                .map(s -> s.substring(0, Math.min(s.length(), 60))).toList();
        check(!serverError, "a 5xx for " + described + ": " + response.bodyText());
        check(!echoed, "input echoed unescaped for " + described);
        check(!changed, "the subscription changed without a valid token: " + described + " -> " + after);
    }

    private static void record() {
        boolean clean = SERVER_ERRORS.get() == 0 && ECHOES.get() == 0 && CHANGES.get() == 0;
        ReliabilityReport.record(new ReliabilityReport.Row("9-hostile-http-requests",
                "Random requests through the handler's API Gateway event parsing (jqwik), and forged tokens on the token paths",
                "any method, path and query (random percent-encoded bytes, invalid UTF-8); 0-6 random headers (any name and value, "
                        + "CR LF, NUL, markup, 10 kB); bodies of random bytes, invalid UTF-8 and 1 MB; the subscriber's own tokens "
                        + "truncated, case-flipped, re-spelt, re-signed, for another purpose or id, in query, form and JSON",
                counts("requests", REQUESTS.get(), "forgedTokenRequests", FORGED.get(), "megabyteBodies", MEGABYTE_BODIES.get(),
                        "http5xx", SERVER_ERRORS.get(), "echoes", ECHOES.get(), "changes", CHANGES.get()),
                clean ? "no 5xx, nothing echoed unescaped (body or headers), the subscription never changed without a valid token"
                        : "FAILED: " + SERVER_ERRORS.get() + " 5xx, " + ECHOES.get() + " echoes, " + CHANGES.get() + " changes"));
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what.replace("\u0000", "\\0"));
        }
    }
}
