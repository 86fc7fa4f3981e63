package dev.paperboy.web;

import dev.paperboy.render.PaperView;
import dev.paperboy.render.Pages;
import dev.paperboy.render.Feed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperboy.digest.DigestArchive;
import dev.paperboy.subscriber.Period;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperCatalog;
import dev.paperboy.subscriber.ConcurrentChangeException;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.InvalidInputException;
import dev.paperboy.subscriber.Links;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.Subscriptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The subscriptions HTTP API: the page, subscribing, confirming, preferences, unsubscribing, the
 * papers as JSON and RSS. Errors are pages for browsers and JSON for clients that ask for it.
 */
public final class SubscriptionsApi {
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_QUERY_LENGTH = 200;
    private static final int FEED_DAYS = 3;
    private static final byte[] STYLE = resource("/web/style.css");
    private static final String SUBSCRIBED_NOTICE =
            "Thanks! If this address can subscribe, a confirmation link is on its way: check your inbox.";

    private final Subscriptions subscriptions;
    private final PaperCatalog catalog;
    private final RateLimiter postLimiter;
    private final RateLimiter getLimiter;
    private final ResponseFloor subscribeFloor;
    private final Optional<String> publicBaseUrl;
    private final DigestArchive digests;
    private final Metrics metrics;

    /**
     * {@code publicBaseUrl} is where people reach the API (a custom domain); without one, links
     * point at the API Gateway domain that served the request. {@code postLimiter} and {@code
     * getLimiter} count per client address; {@code subscribeFloor} is the least time a subscribe
     * answer takes, whatever was done.
     */
    public SubscriptionsApi(Subscriptions subscriptions, PaperCatalog catalog, RateLimiter postLimiter, RateLimiter getLimiter,
                            ResponseFloor subscribeFloor, Optional<String> publicBaseUrl, DigestArchive digests, Metrics metrics) {
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.postLimiter = postLimiter;
        this.getLimiter = getLimiter;
        this.subscribeFloor = subscribeFloor;
        this.publicBaseUrl = publicBaseUrl;
        this.digests = digests;
        this.metrics = metrics;
    }

    private Links links(WebRequest request) {
        return subscriptions.links(publicBaseUrl.orElseGet(() -> "https://" + request.domainName()));
    }

    /** An API Gateway HTTP API event in, its response out. */
    public ObjectNode handle(JsonNode event) {
        WebRequest request;
        try {
            request = ApiGatewayHttp.request(event);
        } catch (InvalidInputException | IllegalArgumentException e) {
            // A query that does not decode, a body that is not the base64 it claims to be.
            boolean json = event.path("headers").path("accept").asText("").contains("application/json");
            return ApiGatewayHttp.response(error(json, 400, e instanceof InvalidInputException ? e.getMessage() : "The request is malformed."));
        }
        return ApiGatewayHttp.response(handle(request));
    }

    /**
     * Every exception becomes an answer, so Lambda's Errors metric never sees one: each 5xx answer is
     * counted as {@code ApiServerErrors} instead, which an alarm watches.
     */
    public WebResponse handle(WebRequest request) {
        WebResponse response = answer(request);
        if (response.status() >= 500) {
            metrics.count("ApiServerErrors");
        }
        return response;
    }

    private WebResponse answer(WebRequest request) {
        try {
            return route(request);
        } catch (InvalidInputException e) {
            return error(request.wantsJson(), 400, e.getMessage());
        } catch (ConcurrentChangeException e) {
            // Other changes to the same address kept winning: nothing was written, and trying
            // again shortly will work, which a 500 would not say.
            JsonLog.info("change overtaken", Map.of("path", clip(request.path(), 200), "error", JsonLog.describe(e)));
            // Worded alike for every path, so that it tells nothing about an address.
            return error(request.wantsJson(), 503, "Too many changes at once; please try again in a moment.")
                    .withHeader("Retry-After", "1");
        } catch (RuntimeException e) {
            JsonLog.error("request failed", Map.of("method", sanitize(request.method()), "path", clip(request.path(), 200),
                    "error", JsonLog.describe(e)));
            return error(request.wantsJson(), 500, "Something went wrong on our side. Please try again in a minute.");
        }
    }

    private WebResponse route(WebRequest request) {
        String method = request.method();
        // One-click unsubscribes come from mail providers' servers and carry their own token.
        if (method.equals("POST") && !request.path().equals("/unsubscribe") && SameOrigin.isCrossSite(request, ourOrigins(request))) {
            JsonLog.info("cross-site post refused", Map.of("path", clip(request.path(), 200),
                    "origin", clip(request.header("origin").orElse("-"), 200), "secFetchSite", clip(request.header("sec-fetch-site").orElse("-"), 40)));
            return error(request.wantsJson(), 403, "This form was sent from another website, so nothing was done and no mail was sent. "
                    + "To subscribe, use the form on Paperboy's own page.");
        }
        return switch (request.path()) {
            case "/" -> only(request, "GET", () -> index(request, "", "", "", ""));
            case "/subscribe" -> only(request, "POST", () -> subscribe(request));
            // GET only shows a button: mail scanners follow links, and a scanner must not confirm.
            case "/confirm" -> method.equals("POST") ? limited(request, () -> confirm(request))
                    : only(request, "GET, POST", () -> confirmPage(request));
            case "/preferences" -> method.equals("POST") ? limited(request, () -> savePreferences(request))
                    : only(request, "GET, POST", () -> preferences(request));
            case "/unsubscribe" -> method.equals("POST") ? oneClick(request)
                    : only(request, "GET, POST", () -> unsubscribePage(request));
            case "/api/papers" -> only(request, "GET", () -> papersJson(request));
            case "/feed.xml" -> only(request, "GET", () -> feed(request));
            case "/static/style.css" -> only(request, "GET", () -> WebResponse.of(200, "text/css; charset=utf-8", STYLE, "public, max-age=3600"));
            default -> request.path().startsWith("/digests/")
                    ? only(request, "GET", () -> digest(request))
                    : error(request.wantsJson(), 404, "There is no page at this address.");
        };
    }

    /** Runs the route for its allowed methods (HEAD with GET), else 405; POSTs are size- and rate-limited. */
    private WebResponse only(WebRequest request, String allowed, java.util.function.Supplier<WebResponse> route) {
        List<String> methods = Arrays.asList(allowed.split(", "));
        String method = request.method();
        if (!methods.contains(method) && !(method.equals("HEAD") && methods.contains("GET"))) {
            return error(request.wantsJson(), 405, "This address does not take " + sanitize(method) + " requests.")
                    .withHeader("Allow", allowed);
        }
        if (method.equals("POST")) {
            return limited(request, route);
        }
        if (!isLeaving(request)) {
            Optional<Duration> wait = getLimiter.acquire(request.sourceIp());
            if (wait.isPresent()) {
                return tooMany(request, wait.get());
            }
        }
        return route.get();
    }

    /** A page of a valid unsubscribe link: never rate-limited, so that leaving always works. */
    private boolean isLeaving(WebRequest request) {
        return request.path().equals("/unsubscribe") && request.param("token").filter(subscriptions::isUnsubscribeToken).isPresent();
    }

    /** Where this API's own pages are: the public base URL, and the API Gateway domain that served the request. */
    private java.util.Set<String> ourOrigins(WebRequest request) {
        java.util.Set<String> origins = new java.util.HashSet<>();
        origins.add(SameOrigin.normalise("https://" + request.domainName()));
        publicBaseUrl.ifPresent(url -> origins.add(SameOrigin.normalise(url)));
        return origins;
    }

    /**
     * Mail providers send one-click unsubscribes from a few shared addresses: a valid token is
     * never rate-limited, so that leaving always works.
     */
    private WebResponse oneClick(WebRequest request) {
        if (request.body().length <= MAX_BODY_BYTES && request.param("token").filter(subscriptions::isUnsubscribeToken).isPresent()) {
            return unsubscribe(request);
        }
        return limited(request, () -> unsubscribe(request));
    }

    private WebResponse limited(WebRequest request, java.util.function.Supplier<WebResponse> route) {
        if (request.body().length > MAX_BODY_BYTES) {
            return error(request.wantsJson(), 413, "That request is too large.");
        }
        Optional<Duration> wait = postLimiter.acquire(request.sourceIp());
        if (wait.isPresent()) {
            return tooMany(request, wait.get());
        }
        return route.get();
    }

    private WebResponse tooMany(WebRequest request, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return error(request.wantsJson(), 429, "Too many requests from your address; try again in " + seconds + " s.")
                .withHeader("Retry-After", Long.toString(seconds));
    }

    private WebResponse index(WebRequest request, String notice, String noticeKind, String email, String keywords) {
        Optional<String> query = request.param("q").map(String::strip).filter(q -> !q.isEmpty());
        if (query.isPresent()) {
            List<String> terms = searchTerms(query.get());
            List<PaperView> results = PaperView.ranked(catalog.search(terms, 50));
            return WebResponse.html(200, Pages.index(new Pages.Index("", "", "", List.of(), query.get(), results, true,
                    notice, noticeKind, email, keywords)));
        }
        Map.Entry<LocalDate, List<Paper>> day = askedOrLatestDay(request);
        LocalDate date = day.getKey();
        List<Paper> papers = day.getValue();
        String next = date.isBefore(catalog.latest()) ? date.plusDays(1).toString() : "";
        String previous = date.isAfter(ListingCalendar.FIRST_LIST) ? date.minusDays(1).toString() : "";
        int status = noticeKind.equals("error") ? 400 : 200;
        return WebResponse.html(status, Pages.index(new Pages.Index(date.toString(), previous, next, PaperView.ranked(papers),
                "", List.of(), false, notice, noticeKind, email, keywords)));
    }

    private WebResponse subscribe(WebRequest request) {
        Map<String, String> form = request.fields();
        String rawEmail = form.getOrDefault("email", "");
        String rawKeywords = form.getOrDefault("keywords", "");
        try {
            EmailAddress email = EmailAddress.parse(rawEmail);
            Preferences preferences = Preferences.fromForm(field(form, "frequency"), field(form, "weeklyDay"),
                    field(form, "keywords"), field(form, "maxPapers"), field(form, "minUpvotes"), Preferences.defaults());
            // The same answer after the same time, whether a mail went or not (no enumeration).
            subscribeFloor.run(() -> subscriptions.subscribe(email, preferences, links(request)));
        } catch (InvalidInputException e) {
            if (request.wantsJson() || request.sentJson()) {
                throw e;
            }
            return index(request, e.getMessage(), "error", clip(rawEmail, 254), clip(rawKeywords, 600));
        }
        if (request.wantsJson() || request.sentJson()) {
            return WebResponse.json(202, json(Map.of("status", "accepted", "message", SUBSCRIBED_NOTICE)));
        }
        return WebResponse.html(200, Pages.message(new Pages.Message("Paperboy: check your inbox", "Check your inbox",
                SUBSCRIBED_NOTICE, "Back to the papers", "/")));
    }

    private WebResponse confirmPage(WebRequest request) {
        String token = request.param("token").orElse("");
        if (!subscriptions.isConfirmToken(token)) {
            return error(request.wantsJson(), 400, "This confirmation link is invalid or has expired. Subscribe again to get a new one.");
        }
        if (request.wantsJson()) {
            return WebResponse.json(200, json(Map.of("status", "unconfirmed", "confirm", "POST this address to confirm")));
        }
        return WebResponse.html(200, Pages.confirm(new Pages.Confirm(token)));
    }

    private WebResponse confirm(WebRequest request) {
        Optional<Subscriber> confirmed = request.param("token").flatMap(subscriptions::confirm);
        if (confirmed.isEmpty()) {
            return error(request.wantsJson(), 400, "This confirmation link is invalid or has expired. Subscribe again to get a new one.");
        }
        String preferencesUrl = links(request).preferences(confirmed.get().id());
        if (request.wantsJson()) {
            return WebResponse.json(200, json(Map.of("status", "confirmed", "preferencesUrl", preferencesUrl)));
        }
        return WebResponse.html(200, Pages.message(new Pages.Message("Paperboy: subscribed", "You are subscribed",
                "Trending papers will arrive on your schedule. You can choose daily or weekly mail, keywords and how many papers.",
                "Set your preferences", preferencesUrl)));
    }

    private WebResponse preferences(WebRequest request) {
        String token = request.param("token").orElse("");
        Optional<Subscriber> subscriber = subscriptions.forPreferences(token);
        if (subscriber.isEmpty()) {
            return error(request.wantsJson(), 400, "This preferences link is invalid or has expired.");
        }
        return WebResponse.html(200, Pages.preferences(form(request, token, subscriber.get(), subscriber.get().preferences(), "", "")));
    }

    private WebResponse savePreferences(WebRequest request) {
        Map<String, String> form = request.fields();
        String token = form.getOrDefault("token", request.param("token").orElse(""));
        Optional<Subscriber> subscriber = subscriptions.forPreferences(token);
        if (subscriber.isEmpty()) {
            return error(request.wantsJson(), 400, "This preferences link is invalid or has expired.");
        }
        try {
            Preferences.fromForm(field(form, "frequency"), field(form, "weeklyDay"), field(form, "keywords"),
                    field(form, "maxPapers"), field(form, "minUpvotes"), subscriber.get().preferences());
        } catch (InvalidInputException e) {
            if (request.wantsJson() || request.sentJson()) {
                throw e;
            }
            return WebResponse.html(400, Pages.preferences(form(request, token, subscriber.get(), subscriber.get().preferences(), e.getMessage(), "error")));
        }
        // Checked above against what was read; applied again to what is current at the write, so
        // that a racing change to a field this form did not send is kept.
        Optional<Subscriber> saved = subscriptions.updatePreferences(token, current -> Preferences.fromForm(field(form, "frequency"),
                field(form, "weeklyDay"), field(form, "keywords"), field(form, "maxPapers"), field(form, "minUpvotes"), current));
        if (saved.isEmpty()) {
            return error(request.wantsJson(), 400, "This preferences link is invalid or has expired.");
        }
        if (request.wantsJson() || request.sentJson()) {
            return WebResponse.json(200, json(Map.of("status", "saved")));
        }
        return WebResponse.html(200, Pages.preferences(form(request, token, saved.get(), saved.get().preferences(), "Saved.", "ok")));
    }

    private WebResponse unsubscribePage(WebRequest request) {
        String token = request.param("token").orElse("");
        if (!subscriptions.isUnsubscribeToken(token)) {
            return error(request.wantsJson(), 400, "This unsubscribe link is invalid.");
        }
        return WebResponse.html(200, Pages.unsubscribe(new Pages.Unsubscribe(token)));
    }

    /** RFC 8058 one-click (body {@code List-Unsubscribe=One-Click}) and the page's button alike. */
    private WebResponse unsubscribe(WebRequest request) {
        String token = request.param("token").orElseGet(() -> request.fields().getOrDefault("token", ""));
        if (!subscriptions.unsubscribe(token)) {
            return error(request.wantsJson(), 400, "This unsubscribe link is invalid.");
        }
        if (request.wantsJson()) {
            return WebResponse.json(200, json(Map.of("status", "unsubscribed")));
        }
        return WebResponse.html(200, Pages.message(new Pages.Message("Paperboy: unsubscribed", "You are unsubscribed",
                "No more mail will be sent to this address. Changed your mind? Subscribe again any time.", "Back to the papers", "/")));
    }

    /** A sent digest's web copy (no link in it acts for the subscriber): the "view in browser" link. */
    private WebResponse digest(WebRequest request) {
        String periodId = request.path().substring("/digests/".length());
        // The token names its digest's period: a link to one digest opens no other.
        Optional<String> reader = request.param("token").flatMap(token -> subscriptions.digestReader(token, periodId));
        if (reader.isEmpty()) {
            return error(request.wantsJson(), 400, "This link is invalid or has expired.");
        }
        Period period;
        try {
            period = Period.parse(periodId);
        } catch (RuntimeException e) {
            return error(request.wantsJson(), 404, "There is no such digest.");
        }
        return digests.read(period, reader.get())
                .map(html -> WebResponse.html(200, html)
                        .withHeader("Content-Security-Policy", "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'")
                        // The page's address carries its token: links to papers must not pass it on.
                        .withHeader("Referrer-Policy", "no-referrer"))
                .orElseGet(() -> error(request.wantsJson(), 404, "There is no such digest."));
    }

    private WebResponse papersJson(WebRequest request) {
        Map.Entry<LocalDate, List<Paper>> day = askedOrLatestDay(request);
        return WebResponse.json(200, json(Map.of("date", day.getKey().toString(), "papers", PaperView.ranked(day.getValue()))));
    }

    private WebResponse feed(WebRequest request) {
        Optional<String> query = request.param("q").map(String::strip).filter(q -> !q.isEmpty());
        List<String> terms = query.map(SubscriptionsApi::searchTerms).orElse(List.of());
        List<Paper> papers = catalog.recent(FEED_DAYS, terms, 100);
        String title = query.map(q -> "Paperboy: Daily Papers matching " + q).orElse("Paperboy: Daily Papers");
        String xml = Feed.rss(title, links(request).home(), "Trending papers from Hugging Face Daily Papers", papers);
        return WebResponse.of(200, "application/rss+xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8), "public, max-age=900");
    }

    /** The day {@code ?date=} asks for, else the latest day with papers (else the latest list date, empty). */
    private Map.Entry<LocalDate, List<Paper>> askedOrLatestDay(WebRequest request) {
        Optional<LocalDate> asked = request.param("date").filter(d -> !d.isBlank()).map(SubscriptionsApi::listDate);
        if (asked.isPresent()) {
            return Map.entry(asked.get(), catalog.day(asked.get()));
        }
        return catalog.latestListedDay().orElseGet(() -> Map.entry(catalog.latest(), List.of()));
    }

    private Pages.PreferencesForm form(WebRequest request, String token, Subscriber subscriber, Preferences p, String notice, String kind) {
        return new Pages.PreferencesForm(token, subscriber.email().value(), p.frequency().name(), p.weeklyDay().name(),
                String.join(", ", p.keywords()), p.maxPapers(), p.minUpvotes(), notice, kind,
                links(request).unsubscribe(subscriber.id()));
    }

    private WebResponse error(boolean json, int status, String message) {
        if (json) {
            return WebResponse.json(status, json(Map.of("error", Map.of("status", status, "message", message))));
        }
        String heading = switch (status) {
            case 400 -> "That did not work";
            case 403 -> "Sent from another site";
            case 404 -> "Not found";
            case 405 -> "Not allowed";
            case 413 -> "Too large";
            case 429 -> "Slow down";
            case 503 -> "Busy, try again";
            default -> "Something went wrong";
        };
        return WebResponse.html(status, Pages.message(new Pages.Message("Paperboy: " + heading, heading, message, "Back to the papers", "/")));
    }

    private static LocalDate listDate(String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("A date looks like 2025-08-29.");
        }
        if (date.isBefore(ListingCalendar.FIRST_LIST)) {
            throw new InvalidInputException("Daily Papers starts on " + ListingCalendar.FIRST_LIST + ".");
        }
        return date;
    }

    private static List<String> searchTerms(String query) {
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidInputException("Search for at most " + MAX_QUERY_LENGTH + " characters.");
        }
        List<String> terms = Arrays.stream(query.toLowerCase(Locale.ROOT).split("\\s+")).filter(t -> !t.isEmpty()).distinct().toList();
        if (terms.size() > 10) {
            throw new InvalidInputException("Search for at most 10 words.");
        }
        return terms;
    }

    private static Optional<String> field(Map<String, String> form, String name) {
        return Optional.ofNullable(form.get(name));
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** A method name fit to echo: letters only, short. */
    private static String sanitize(String method) {
        String letters = method.replaceAll("[^A-Z]", "");
        return letters.substring(0, Math.min(letters.length(), 10));
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = SubscriptionsApi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
