package dev.paperboy.web;

import dev.paperboy.subscriber.Links;
import dev.paperboy.subscriber.SubscriptionActions;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where people reach this API: {@code publicBaseUrl} (a custom domain) when there is one, else
 * the API Gateway domain that served the request.
 */
final class SiteLinks {
    private final Optional<String> publicBaseUrl;
    private final SubscriptionActions subscriptions;

    SiteLinks(Optional<String> publicBaseUrl, SubscriptionActions subscriptions) {
        this.publicBaseUrl = publicBaseUrl;
        this.subscriptions = subscriptions;
    }

    /** Signed links under the base a request was answered at. */
    Links of(WebRequest request) {
        return subscriptions.links(publicBaseUrl.orElseGet(() -> "https://" + request.domainName()));
    }

    /** Where this API's own pages are: the public base URL, and the API Gateway domain that served the request. */
    Set<String> origins(WebRequest request) {
        Set<String> origins = new HashSet<>();
        origins.add(SameOrigin.normalise("https://" + request.domainName()));
        publicBaseUrl.ifPresent(url -> origins.add(SameOrigin.normalise(url)));
        return origins;
    }
}
