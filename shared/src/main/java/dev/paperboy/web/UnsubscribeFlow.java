package dev.paperboy.web;

import dev.paperboy.render.Pages;
import dev.paperboy.subscriber.SubscriptionActions;
import java.util.Map;

/**
 * {@code /unsubscribe}: GET shows the page of an unsubscribe link; POST unsubscribes, both as
 * RFC 8058 one-click (body {@code List-Unsubscribe=One-Click}, token in the query) and as the
 * page's button (token in the form).
 */
final class UnsubscribeFlow {
    private static final String INVALID = "This unsubscribe link is invalid.";

    private final SubscriptionActions subscriptions;

    UnsubscribeFlow(SubscriptionActions subscriptions) {
        this.subscriptions = subscriptions;
    }

    WebResponse page(WebRequest request) {
        String token = request.param("token").orElse("");
        if (!subscriptions.isUnsubscribeToken(token)) {
            return Answers.error(request, 400, INVALID);
        }
        return WebResponse.html(200, Pages.unsubscribe(new Pages.Unsubscribe(token)));
    }

    WebResponse unsubscribe(WebRequest request) {
        String token = request.param("token").orElseGet(() -> request.fields().getOrDefault("token", ""));
        if (!subscriptions.unsubscribe(token)) {
            return Answers.error(request, 400, INVALID);
        }
        return Answers.of(request, Map.of("status", "unsubscribed"),
                () -> Answers.message(200, new Pages.Message("Paperboy: unsubscribed", "You are unsubscribed",
                        "No more mail will be sent to this address. Changed your mind? Subscribe again any time.", "Back to the papers", "/")));
    }
}
