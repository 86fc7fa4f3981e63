package dev.paperboy.subscriber;

import dev.paperboy.json.JsonLog;
import dev.paperboy.keys.Keys;
import dev.paperboy.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Subscribing with double opt-in, confirming, changing preferences and leaving. Every change to
 * an existing subscriber is a read, then a write conditional on what was read, retried on a
 * conflict with jittered backoff (503 with Retry-After when that runs out): concurrent actions on
 * one address are applied one after the other, the last one wins.
 */
public final class Subscriptions implements SubscriptionActions {
    public static final Duration PENDING_LIFETIME = Retention.PENDING;

    private final SubscriberRepository repository;
    private final Keys keys;
    private final Tokens tokens;
    private final ConfirmationMailer mailer;
    private final ConfirmationLimits limits;
    private final Metrics metrics;
    private final Clock clock;
    private final SubscriberUpdates updates;
    private final ConflictBackoff backoff;

    public Subscriptions(SubscriberRepository repository, Keys keys, Tokens tokens, ConfirmationMailer mailer,
                         ConfirmationLimits limits, Metrics metrics, Clock clock) {
        this(repository, keys, tokens, mailer, limits, metrics, clock, ConflictBackoff.standard());
    }

    public Subscriptions(SubscriberRepository repository, Keys keys, Tokens tokens, ConfirmationMailer mailer,
                         ConfirmationLimits limits, Metrics metrics, Clock clock, ConflictBackoff backoff) {
        this.repository = repository;
        this.keys = keys;
        this.tokens = tokens;
        this.mailer = mailer;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
        this.backoff = backoff;
        this.updates = new SubscriberUpdates(repository, keys, clock, backoff);
    }

    /**
     * Asks the address to confirm. Whatever the address's state, the caller learns nothing: the
     * same answer, whether a mail went or not. Mail goes within {@link ConfirmationLimits}: per
     * mailbox (case and +tag do not make a new one) and for the whole fleet.
     */
    public void subscribe(EmailAddress email, Preferences preferences, Links links) {
        String id = SubscriberId.of(keys, email);
        Instant now = clock.instant();
        Subscriber.Status status = backoff.retry("subscribing " + email.hash(keys), () -> trySubscribe(id, email, preferences, now));
        if (status == Subscriber.Status.SUPPRESSED) {
            log("subscribe: no mail", email, status);
            return;
        }
        ConfirmationLimits.Decision.Granted grant;
        switch (limits.acquire(Mailbox.of(email))) {
            case ConfirmationLimits.Decision.MailboxLimited limited -> {
                metrics.count("ConfirmationMailsMailboxLimited");
                log("subscribe: no mail, mailbox limited", email, status);
                return;
            }
            case ConfirmationLimits.Decision.Capped capped -> {
                metrics.count("ConfirmationMailsCapped");
                JsonLog.error("subscribe: no mail, confirmation mails capped", Map.of("emailHash", email.hash(keys), "reason", capped.reason()));
                return;
            }
            case ConfirmationLimits.Decision.Granted granted -> grant = granted;
        }
        try {
            if (status == Subscriber.Status.CONFIRMED) {
                mailer.sendAlreadySubscribed(email, links.preferences(id), links.unsubscribe(id), links.home());
            } else {
                mailer.sendConfirmation(email, links.confirm(id), links.home());
            }
        } catch (SdkException e) {
            // The caller gets the usual answer (the state of an address is not to be learnt from
            // errors); the limits are given back so that a retry can mail, and the operator is told.
            limits.release(grant);
            JsonLog.error("confirmation mail failed", Map.of("emailHash", email.hash(keys), "error", JsonLog.describe(e)));
            return;
        }
        metrics.count("ConfirmationMailsSent");
        log("subscribe: mail sent", email, status);
    }

    /** One read and conditional write: empty when overtaken, else the status the address is in now. */
    private Optional<Subscriber.Status> trySubscribe(String id, EmailAddress email, Preferences preferences, Instant now) {
        Optional<Subscriber> current = repository.find(id);
        if (current.isEmpty() && repository.isSuppressed(id)) {
            // Bounced or complained, and erased since: nothing is stored, nothing is sent.
            return Optional.of(Subscriber.Status.SUPPRESSED);
        }
        if (current.isEmpty()) {
            Subscriber fresh = Subscriber.pending(id, email, preferences, now);
            return repository.create(fresh, Retention.expiresAt(Subscriber.Status.PENDING, now))
                    ? Optional.of(Subscriber.Status.PENDING) : Optional.empty();
        }
        Subscriber s = current.get();
        return switch (s.status()) {
            case CONFIRMED, SUPPRESSED -> Optional.of(s.status()); // changes need a token, not just the address
            case PENDING, UNSUBSCRIBED -> repository.update(s, s.nextPending(email, preferences, now),
                    Retention.expiresAt(Subscriber.Status.PENDING, now)) ? Optional.of(Subscriber.Status.PENDING) : Optional.empty();
        };
    }

    /** Confirms a pending subscription; following the link again is harmless. */
    public Optional<Subscriber> confirm(String token) {
        return tokens.verify(Tokens.Purpose.CONFIRM, token).flatMap(id -> updates.change(id, s -> switch (s.status()) {
            case PENDING -> s.nextConfirmed(clock.instant());
            case CONFIRMED -> s;
            case UNSUBSCRIBED, SUPPRESSED -> null; // an old confirm link does not undo leaving
        }));
    }

    /** The subscriber a preferences link belongs to, if it is still subscribed or pending. */
    public Optional<Subscriber> forPreferences(String token) {
        return tokens.verify(Tokens.Purpose.MANAGE, token).flatMap(repository::find)
                .filter(s -> s.status() == Subscriber.Status.CONFIRMED || s.status() == Subscriber.Status.PENDING);
    }

    /** Whether a preferences link is signed and not expired, read from the token alone. */
    public boolean isPreferencesToken(String token) {
        return tokens.verify(Tokens.Purpose.MANAGE, token).isPresent();
    }

    /**
     * Changes the preferences: {@code change} is applied to the preferences current at the write,
     * not to those read before it, so that fields this request leaves alone keep what a racing
     * request just saved.
     */
    public Optional<Subscriber> updatePreferences(String token, UnaryOperator<Preferences> change) {
        return tokens.verify(Tokens.Purpose.MANAGE, token).flatMap(id -> updates.change(id, s -> switch (s.status()) {
            case CONFIRMED, PENDING -> s.nextWithPreferences(change.apply(s.preferences()), clock.instant());
            case UNSUBSCRIBED, SUPPRESSED -> null;
        }));
    }

    /** Unsubscribes at once. True for any valid token, also when already unsubscribed. */
    public boolean unsubscribe(String token) {
        Optional<String> id = tokens.verify(Tokens.Purpose.UNSUBSCRIBE, token);
        if (id.isEmpty()) {
            return false;
        }
        updates.change(id.get(), s -> switch (s.status()) {
            case PENDING, CONFIRMED -> s.nextUnsubscribed(clock.instant());
            case UNSUBSCRIBED, SUPPRESSED -> s;
        }).ifPresent(s -> log("unsubscribed", s.email(), s.status()));
        return true;
    }

    /** The subscriber a "view in browser" link belongs to, if it was issued for this period's digest. */
    public Optional<String> digestReader(String token, String periodId) {
        return tokens.verifyDigest(token, periodId);
    }

    /**
     * The subscriber whose feed link this is, for the generation the link names. The profile is read
     * before the token is verified, since its creation time is signed in; a forged token costs that
     * one read, within the API's read limits.
     */
    public Optional<Subscriber> feedOwner(String token, long generation) {
        return Tokens.subscriberNamedIn(Tokens.Purpose.FEED, token).flatMap(repository::find)
                .filter(s -> tokens.verifyFeed(token, generation, s.createdAt()).isPresent());
    }

    /** A new feed generation: every link signed for an older one stops working. */
    public Optional<Subscriber> replaceFeedLink(String token) {
        return tokens.verify(Tokens.Purpose.MANAGE, token).flatMap(id -> updates.change(id, s -> switch (s.status()) {
            case CONFIRMED, PENDING -> s.nextWithNewFeedLink(clock.instant());
            case UNSUBSCRIBED, SUPPRESSED -> null;
        }));
    }

    public boolean isConfirmToken(String token) {
        return tokens.verify(Tokens.Purpose.CONFIRM, token).isPresent();
    }

    public boolean isUnsubscribeToken(String token) {
        return tokens.verify(Tokens.Purpose.UNSUBSCRIBE, token).isPresent();
    }

    /** Links signed with this service's key, under the given public base URL. */
    public Links links(String baseUrl) {
        return new Links(baseUrl, tokens);
    }

    private void log(String message, EmailAddress email, Subscriber.Status status) {
        JsonLog.info(message, Map.of("emailHash", email.hash(keys), "status", status.name()));
    }
}
