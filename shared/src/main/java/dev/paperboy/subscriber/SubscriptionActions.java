package dev.paperboy.subscriber;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What people can do about their subscription, as the web pages ask it: subscribe, confirm,
 * change preferences, leave, and the token checks the pages make first. {@link Subscriptions}
 * does it on the subscribers' table; tests of the pages use a fake.
 */
public interface SubscriptionActions {
    /** Asks the address to confirm; the caller learns nothing about the address's state. */
    void subscribe(EmailAddress email, Preferences preferences, Links links);

    /** Confirms a pending subscription; empty for a token that confirms nothing. */
    Optional<Subscriber> confirm(String token);

    /** The subscriber a preferences link belongs to, if it is still subscribed or pending. */
    Optional<Subscriber> forPreferences(String token);

    /** Whether a preferences link is signed and not expired: checked without reading the subscriber (the preview's check). */
    boolean isPreferencesToken(String token);

    /** Applies {@code change} to the preferences current at the write; empty for a token that manages nothing. */
    Optional<Subscriber> updatePreferences(String token, UnaryOperator<Preferences> change);

    /** Unsubscribes at once; true for any valid unsubscribe token. */
    boolean unsubscribe(String token);

    /** The subscriber a "view in browser" link belongs to, if it was issued for this period's digest. */
    Optional<String> digestReader(String token, String periodId);

    /**
     * The subscriber a private feed link belongs to, if its token was signed for this feed generation
     * (the one the link names), whatever the subscriber's state and current generation: the feed says which.
     */
    Optional<Subscriber> feedOwner(String token, long generation);

    /** Gives the private feed a new link (the old ones stop working); empty for a token that manages nothing. */
    Optional<Subscriber> replaceFeedLink(String token);

    boolean isConfirmToken(String token);

    boolean isUnsubscribeToken(String token);

    /** Links signed with this service's key, under the given public base URL. */
    Links links(String baseUrl);
}
