package dev.paperboy.digest;

import dev.paperboy.keys.KeyRing;
import dev.paperboy.keys.Keys;
import dev.paperboy.metrics.RecordingMetrics;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.Papers;
import dev.paperboy.render.DigestRenderer;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Links;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.Tokens;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sender on fakes of its own ports, with a day of papers and subscribers made to order: no AWS. */
final class SenderWorld {
    static final LocalDate FRIDAY = LocalDate.of(2025, 8, 29);
    static final Period DAILY = new Period(Preferences.Frequency.DAILY, FRIDAY);
    static final Instant NOW = Instant.parse("2025-08-30T07:00:00Z");
    static final Keys KEYS = Keys.fixed(KeyRing.secretValue("a-test-root-that-is-long-enough-for-hmac-0123", Optional.empty()));
    private static final long PLENTY_OF_TIME = 100_000;

    final Map<String, Subscriber> subscribers = new HashMap<>();
    final Map<LocalDate, List<Paper>> lists = new HashMap<>();
    final InMemoryLedger ledger = new InMemoryLedger();
    final Map<String, String> archived = new HashMap<>();
    final ScriptedMailer ses = new ScriptedMailer();
    final RecordingMetrics metrics = new RecordingMetrics();
    final List<Long> backoffNanos = new ArrayList<>();
    DigestArchive archive = new DigestArchive() {
        @Override
        public String store(Period period, String subscriberId, String html) {
            archived.put(period.id() + "/" + subscriberId, html);
            return "digests/" + period.id() + "/" + subscriberId + ".html";
        }

        @Override
        public Optional<String> read(Period period, String subscriberId) {
            return Optional.ofNullable(archived.get(period.id() + "/" + subscriberId));
        }
    };

    DigestSender sender() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Pacer unpaced = new Pacer(1_000_000, System::nanoTime, nanos -> { });
        return new DigestSender(id -> Optional.ofNullable(subscribers.get(id)), new PeriodPapers(day -> lists.getOrDefault(day, List.of())),
                ledger, new DigestComposer(new DigestRenderer(), archive, new Links("https://paperboy.test", new Tokens(KEYS, clock)),
                        "Paperboy <digest@paperboy.test>"),
                new PacedMailer(ses, unpaced, metrics, backoffNanos::add), clock, metrics);
    }

    Subscriber subscriber(String name, Preferences preferences, Subscriber.Status status) {
        EmailAddress email = EmailAddress.parse(name + "@example.org");
        Subscriber subscriber = new Subscriber("id-" + name, email, status, preferences, NOW, NOW, Optional.of(NOW), 1);
        subscribers.put(subscriber.id(), subscriber);
        return subscriber;
    }

    Subscriber daily(String name, int maxPapers) {
        return subscriber(name, new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of(), maxPapers, 0), Subscriber.Status.CONFIRMED);
    }

    /** Friday's list: three papers, most upvoted first in the trending order. */
    void fridayListsThreePapers() {
        lists.put(FRIDAY, List.of(Papers.paper("2508.00010", "Ten Upvotes", "About ten.", 10, List.of()),
                Papers.paper("2508.00050", "Fifty Upvotes", "About fifty.", 50, List.of()),
                Papers.paper("2508.00030", "Thirty Upvotes", "About thirty.", 30, List.of())));
    }

    DigestSender.Report send(String... ids) {
        return sender().send(new DigestJob(DAILY, List.of(ids)), () -> PLENTY_OF_TIME);
    }

    String status(Subscriber subscriber) {
        return ledger.entry(subscriber.id(), DAILY).map(InMemoryLedger.Entry::status).orElse("NONE");
    }
}
