package dev.paperboy.web;

import dev.paperboy.keys.KeyRing;
import dev.paperboy.keys.Keys;
import dev.paperboy.subscriber.ConcurrentChangeException;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Links;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriptionActions;
import dev.paperboy.subscriber.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Subscriptions in memory, with real signed tokens: what the pages ask of subscriptions, without
 * a table. {@link #overtakeEveryChange()} makes every change lose to another, as a table does when
 * other requests for the address keep winning.
 */
final class FakeSubscriptions implements SubscriptionActions {
    static final Instant NOW = Instant.parse("2025-08-29T14:00:00Z");
    static final Keys KEYS = Keys.fixed(KeyRing.secretValue("a-test-root-that-is-long-enough-for-hmac-0123", Optional.empty()));

    final Tokens tokens = new Tokens(KEYS, Clock.fixed(NOW, ZoneOffset.UTC));
    /** Each subscribe asked for: the address and the preferences. */
    final List<Map.Entry<EmailAddress, Preferences>> subscribed = new ArrayList<>();
    private final Map<String, Subscriber> byId = new LinkedHashMap<>();
    /** Subscribers looked up by a preferences link: each a read of the table. */
    int profileReads;
    private boolean overtaken;
    private Optional<UnaryOperator<Preferences>> racingChange = Optional.empty();

    /** A subscriber in the given state; its id. */
    String add(String email, Subscriber.Status status, Preferences preferences) {
        EmailAddress address = EmailAddress.parse(email);
        String id = SubscriberId.of(KEYS, address);
        byId.put(id, new Subscriber(id, address, status, preferences, NOW, NOW, Optional.empty(), 1));
        return id;
    }

    Subscriber get(String id) {
        return byId.get(id);
    }

    String token(Tokens.Purpose purpose, String id) {
        return tokens.issue(purpose, id);
    }

    void overtakeEveryChange() {
        overtaken = true;
    }

    /** Another request's change, saved between this request's read and its write. */
    void raceWith(UnaryOperator<Preferences> change) {
        racingChange = Optional.of(change);
    }

    @Override
    public void subscribe(EmailAddress email, Preferences preferences, Links links) {
        failIfOvertaken();
        subscribed.add(Map.entry(email, preferences));
    }

    @Override
    public Optional<Subscriber> confirm(String token) {
        return tokens.verify(Tokens.Purpose.CONFIRM, token).map(byId::get)
                .filter(s -> s.status() == Subscriber.Status.PENDING || s.status() == Subscriber.Status.CONFIRMED)
                .map(s -> save(s, Subscriber.Status.CONFIRMED, s.preferences()));
    }

    @Override
    public Optional<Subscriber> forPreferences(String token) {
        profileReads++;
        return tokens.verify(Tokens.Purpose.MANAGE, token).map(byId::get)
                .filter(s -> s.status() == Subscriber.Status.CONFIRMED || s.status() == Subscriber.Status.PENDING);
    }

    @Override
    public boolean isPreferencesToken(String token) {
        return tokens.verify(Tokens.Purpose.MANAGE, token).isPresent();
    }

    @Override
    public Optional<Subscriber> updatePreferences(String token, UnaryOperator<Preferences> change) {
        return forPreferences(token).map(read -> {
            Subscriber current = racingChange.map(race -> save(read, read.status(), race.apply(read.preferences()))).orElse(read);
            return save(current, current.status(), change.apply(current.preferences()));
        });
    }

    @Override
    public boolean unsubscribe(String token) {
        Optional<String> id = tokens.verify(Tokens.Purpose.UNSUBSCRIBE, token);
        id.map(byId::get).ifPresent(s -> save(s, Subscriber.Status.UNSUBSCRIBED, s.preferences()));
        return id.isPresent();
    }

    @Override
    public Optional<String> digestReader(String token, String periodId) {
        return tokens.verifyDigest(token, periodId);
    }

    @Override
    public Optional<Subscriber> feedOwner(String token, long generation) {
        return Tokens.subscriberNamedIn(Tokens.Purpose.FEED, token).map(byId::get)
                .filter(s -> tokens.verifyFeed(token, generation, s.createdAt()).isPresent());
    }

    @Override
    public Optional<Subscriber> replaceFeedLink(String token) {
        return forPreferences(token).map(s -> {
            failIfOvertaken();
            Subscriber replaced = s.nextWithNewFeedLink(NOW);
            byId.put(s.id(), replaced);
            return replaced;
        });
    }

    @Override
    public boolean isConfirmToken(String token) {
        return tokens.verify(Tokens.Purpose.CONFIRM, token).isPresent();
    }

    @Override
    public boolean isUnsubscribeToken(String token) {
        return tokens.verify(Tokens.Purpose.UNSUBSCRIBE, token).isPresent();
    }

    @Override
    public Links links(String baseUrl) {
        return new Links(baseUrl, tokens);
    }

    private Subscriber save(Subscriber s, Subscriber.Status status, Preferences preferences) {
        failIfOvertaken();
        Subscriber saved = new Subscriber(s.id(), s.email(), status, preferences, s.createdAt(), NOW, s.confirmedAt(), s.version() + 1,
                s.feedGeneration());
        byId.put(s.id(), saved);
        return saved;
    }

    private void failIfOvertaken() {
        if (overtaken) {
            throw new ConcurrentChangeException("overtaken in a test");
        }
    }
}
