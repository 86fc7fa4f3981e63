package dev.paperboy.source;

import dev.paperboy.metrics.Metrics;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the Hugging Face Daily Papers API for one page, retrying as {@link RetryPolicy} says, and
 * archives every answer, failed ones too, under the page's key the moment it arrives: before it is
 * parsed, and before any wait for a retry.
 */
public final class DailyPapersClient implements PageSource {
    /**
     * The most bytes one page may take. A page of 100 entries is 150 KB in our samples (1.5 KB an
     * entry) and more with long author lists: 8 MiB leaves room for several thousand-author
     * collaborations on one page, and bounds what a hostile answer costs in memory (the body, read
     * with this limit, then parsed an entry at a time) and in the archive.
     */
    public static final int MAX_PAGE_BYTES = 8 * 1024 * 1024;
    private static final Pattern RATE_LIMIT_RESET = Pattern.compile("(?:^|[;,\\s])(?:t|reset)=(\\d{1,9})(?!\\d)");

    private final HttpGet http;
    private final RawArchive archive;
    private final SourceSettings settings;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final Metrics metrics;

    /** Waits, in a way tests can replace. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public DailyPapersClient(HttpGet http, RawArchive archive, SourceSettings settings, Sleeper sleeper, Clock clock,
                             RandomGenerator random, Metrics metrics) {
        this.http = http;
        this.archive = archive;
        this.settings = settings;
        this.retry = settings.retry();
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
        this.metrics = metrics;
    }

    /**
     * One page. A page that keeps failing throws {@link SourceException} naming the date and the
     * status, after the archive has every response that arrived.
     */
    @Override
    public Answer page(PageAddress address) {
        LocalDate date = address.date();
        int page = address.page();
        URI uri = URI.create(settings.baseUrl() + "/api/daily_papers?date=" + date + "&limit=" + settings.pageSize() + "&p=" + page);
        List<String> archived = new ArrayList<>();
        Duration waited = Duration.ZERO;
        String lastFailure = "";
        for (int attempt = 1; ; attempt++) {
            Optional<Duration> wait;
            try {
                HttpResponse response = http.get(uri);
                if (response.body().length > MAX_PAGE_BYTES) {
                    throw new ResponseTooLargeException(MAX_PAGE_BYTES); // a reader without a limit of its own
                }
                archived.add(archive.store(address.archiveKey(clock.instant(), attempt, response), response.body()));
                if (response.ok()) {
                    return new Answer(response.body(), archived);
                }
                lastFailure = "HTTP " + response.status() + rateLimitNote(response);
                wait = waitBefore(response, attempt);
            } catch (ResponseTooLargeException e) {
                // Not archived (only part of it was read) and not retried (it would be as large again).
                throw new SourceException(date, "page " + page + ": " + e.getMessage(), archived);
            } catch (IOException e) {
                lastFailure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
                wait = Optional.of(retry.backoff(attempt - 1, random));
            }
            if (wait.isPresent() && attempt < retry.maxAttempts() && waited.plus(wait.get()).compareTo(retry.budget()) > 0) {
                // Waiting as told would pass the budget: fail now rather than sleep and fail anyway.
                lastFailure += ", past the retry budget of " + retry.budget().toSeconds() + " s (waited " + waited.toSeconds() + " s)";
            }
            if (wait.isEmpty() || attempt >= retry.maxAttempts() || waited.plus(wait.get()).compareTo(retry.budget()) > 0) {
                throw new SourceException(date, "page " + page + " failed after " + attempt + " attempt(s): " + lastFailure, archived);
            }
            sleep(date, wait.get());
            waited = waited.plus(wait.get());
        }
    }

    /** A rate limit's failure says how long the server asked for, so an operator sees why the fetch gave up. */
    private String rateLimitNote(HttpResponse response) {
        if (response.status() != 429) {
            return "";
        }
        return serverWait(response)
                .map(told -> " asking to wait " + told.toSeconds() + " s"
                        + (told.compareTo(retry.maxServerWait()) > 0 ? ", more than the " + retry.maxServerWait().toSeconds() + " s a fetch waits at once" : ""))
                .orElse("");
    }

    /** Empty when retrying cannot help (a client error such as 400 for a bad date). */
    private Optional<Duration> waitBefore(HttpResponse response, int attempt) {
        if (response.status() == 429) {
            metrics.count("SourceThrottled");
            Duration told = serverWait(response).orElseGet(() -> retry.backoff(attempt - 1, random));
            return told.compareTo(retry.maxServerWait()) > 0 ? Optional.empty() : Optional.of(told);
        }
        if (response.status() >= 500) {
            return Optional.of(retry.backoff(attempt - 1, random));
        }
        return Optional.empty();
    }

    /** Retry-After (seconds or an HTTP date), else the reset of the RateLimit headers. */
    Optional<Duration> serverWait(HttpResponse response) {
        Optional<String> retryAfter = response.header("Retry-After").map(String::strip);
        if (retryAfter.isPresent()) {
            String value = retryAfter.get();
            if (value.matches("\\d{1,6}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(clock.instant(), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException ignored) {
                // fall through to the RateLimit headers
            }
        }
        for (String header : List.of("RateLimit", "RateLimit-Reset")) {
            Optional<String> value = response.header(header);
            if (value.isPresent()) {
                Matcher m = RATE_LIMIT_RESET.matcher(header.equals("RateLimit-Reset") ? "t=" + value.get().strip() : value.get());
                if (m.find()) {
                    return Optional.of(Duration.ofSeconds(Long.parseLong(m.group(1))));
                }
            }
        }
        return Optional.empty();
    }

    private void sleep(LocalDate date, Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(date, "interrupted while waiting to retry", e);
        }
    }
}
