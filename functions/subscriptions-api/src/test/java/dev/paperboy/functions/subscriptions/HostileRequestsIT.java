package dev.paperboy.functions.subscriptions;

import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.web.WebResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random requests against the API on the local AWS: any method, path, query, headers and body
 * (invalid UTF-8, control characters, large bodies, markup). Never a 5xx, never markup echoed
 * unescaped, never a change to a subscription without a valid token.
 */
class HostileRequestsIT {
    private static final String MARK = "<x-evil onload=1>";
    private static ApiHarness h;
    private static String subscriber;

    @BeforeContainer
    static void setUp() {
        h = new ApiHarness();
        subscriber = ApiHarness.newAddress();
        h.subscribe(subscriber, "keywords", "agents");
        h.confirm(h.linkInLatestMail(subscriber, "/confirm"));
    }

    record Request(String method, String path, String query, String accept, String contentType, byte[] body) {
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "G\r\nET", "");
        Arbitrary<String> path = Arbitraries.oneOf(
                Arbitraries.of("/", "/subscribe", "/confirm", "/preferences", "/unsubscribe", "/api/papers", "/feed.xml",
                        "/static/style.css", "/digests/2025-08-29-daily", "/digests/../../etc/passwd", "/%00", "//", "/subscribe/"),
                Arbitraries.strings().ofMaxLength(40).map(s -> "/" + s));
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of(MARK, "%ZZ", "%C3%28", "%00%0d%0a", "a".repeat(5000), "email=" + MARK + "@x.org",
                        "token=" + MARK, "date=" + MARK, "q=" + MARK, "date=2025-02-30", "date=0001-01-01", "q=%F0%9F%9A%80"));
        Arbitrary<String> query = text.map(t -> t.replace(" ", "%20").replace("#", "%23"));
        Arbitrary<String> accept = Arbitraries.of("text/html", "application/json", "*/*", "", "application/json, text/html", MARK);
        Arbitrary<String> contentType = Arbitraries.of("application/x-www-form-urlencoded", "application/json", "text/plain", "", MARK);
        Arbitrary<byte[]> body = Arbitraries.oneOf(
                text.map(t -> t.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.of(new byte[70_000], ("{\"email\":\"" + MARK + "\",\"keywords\":[\"" + MARK + "\"]}").getBytes(StandardCharsets.UTF_8),
                        ("email=" + subscriber + "&keywords=hacked&frequency=weekly").getBytes(StandardCharsets.UTF_8)));
        return Combinators.combine(method, path, query, accept, contentType, body).as(Request::new);
    }

    @Property(tries = 400)
    void neverA5xxNeverAnUnescapedEchoNeverAChangeWithoutAToken(@ForAll("requests") Request r) {
        long versionBefore = h.subscriber(subscriber).version();
        String target = r.path() + (r.query().isEmpty() ? "" : "?" + r.query());
        WebResponse response = h.sendEvent(r.method(), r.path(), r.query(), r.body(), "accept", r.accept(), "content-type", r.contentType());

        check(response.status() < 500, "a 5xx for " + r.method() + " " + target + ": " + response.bodyText());
        check(!response.bodyText().contains(MARK), "markup echoed unescaped for " + r.method() + " " + target);
        Subscriber after = h.subscriber(subscriber);
        check(after.version() == versionBefore && after.status() == Subscriber.Status.CONFIRMED
                && after.preferences().keywords().equals(List.of("agents")), "the subscription changed without a token");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
