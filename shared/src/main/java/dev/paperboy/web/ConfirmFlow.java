package dev.paperboy.web;

import dev.paperboy.render.Pages;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriptionActions;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /confirm}: GET only shows a button (mail scanners follow links, and a scanner must not
 * confirm); POST confirms.
 */
final class ConfirmFlow {
    private static final String INVALID = "This confirmation link is invalid or has expired. Subscribe again to get a new one.";

    private final SubscriptionActions subscriptions;
    private final SiteLinks site;

    ConfirmFlow(SubscriptionActions subscriptions, SiteLinks site) {
        this.subscriptions = subscriptions;
        this.site = site;
    }

    WebResponse page(WebRequest request) {
        String token = request.param("token").orElse("");
        if (!subscriptions.isConfirmToken(token)) {
            return Answers.error(request, 400, INVALID);
        }
        return Answers.of(request, Map.of("status", "unconfirmed", "confirm", "POST this address to confirm"),
                () -> WebResponse.html(200, Pages.confirm(new Pages.Confirm(token))));
    }

    WebResponse confirm(WebRequest request) {
        Optional<Subscriber> confirmed = request.param("token").flatMap(subscriptions::confirm);
        if (confirmed.isEmpty()) {
            return Answers.error(request, 400, INVALID);
        }
        String preferencesUrl = site.of(request).preferences(confirmed.get().id());
        return Answers.of(request, Map.of("status", "confirmed", "preferencesUrl", preferencesUrl),
                () -> Answers.message(200, new Pages.Message("Paperboy: subscribed", "You are subscribed",
                        "Trending papers will arrive on your schedule. You can choose daily or weekly mail, keywords and how many papers.",
                        "Set your preferences", preferencesUrl)));
    }
}
