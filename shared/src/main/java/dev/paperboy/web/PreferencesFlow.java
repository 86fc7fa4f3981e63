package dev.paperboy.web;

import dev.paperboy.render.Pages;
import dev.paperboy.render.PreviewView;
import dev.paperboy.subscriber.InvalidInputException;
import dev.paperboy.subscriber.Links;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriptionActions;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /preferences}: GET shows the form of a preferences link with the preview of its next
 * digest, POST saves it. GET with {@code preview} (the form's Preview button, for pages without
 * script) shows the settings as sent, unsaved, with their preview. POST {@code /preferences/feed-link}
 * replaces the private feed's link.
 */
final class PreferencesFlow {
    static final String INVALID = "This preferences link is invalid or has expired.";
    static final String NOT_SAVED = "Not saved yet: this is what these settings would give. Save keeps them.";

    private final SubscriptionActions subscriptions;
    private final SiteLinks site;
    private final PreviewFlow previews;

    PreferencesFlow(SubscriptionActions subscriptions, SiteLinks site, PreviewFlow previews) {
        this.subscriptions = subscriptions;
        this.site = site;
        this.previews = previews;
    }

    WebResponse show(WebRequest request) {
        String token = request.param("token").orElse("");
        Optional<Subscriber> subscriber = subscriptions.forPreferences(token);
        if (subscriber.isEmpty()) {
            return Answers.error(request, 400, INVALID);
        }
        Preferences saved = subscriber.get().preferences();
        if (request.param("preview").isEmpty()) {
            return form(200, request, token, subscriber.get(), saved, "", "", Map.of());
        }
        Map<String, String> fields = PreviewFlow.queryFields(request);
        try {
            Preferences sent = new PreferenceFields(fields).apply(saved);
            return form(200, request, token, subscriber.get(), sent, NOT_SAVED, "unsaved", Map.of());
        } catch (InvalidInputException e) {
            return form(400, request, token, subscriber.get(), saved, e.getMessage(), "error", fields);
        }
    }

    WebResponse save(WebRequest request) {
        Map<String, String> form = request.fields();
        String token = form.getOrDefault("token", request.param("token").orElse(""));
        Optional<Subscriber> subscriber = subscriptions.forPreferences(token);
        if (subscriber.isEmpty()) {
            return Answers.error(request, 400, INVALID);
        }
        PreferenceFields fields = new PreferenceFields(form);
        try {
            fields.apply(subscriber.get().preferences());
        } catch (InvalidInputException e) {
            return Answers.refusedForm(request, e,
                    () -> form(400, request, token, subscriber.get(), subscriber.get().preferences(), e.getMessage(), "error", form));
        }
        // Checked above against what was read; applied again to what is current at the write, so
        // that a racing change to a field this form did not send is kept.
        Optional<Subscriber> saved = subscriptions.updatePreferences(token, fields);
        if (saved.isEmpty()) {
            return Answers.error(request, 400, INVALID);
        }
        return Answers.ofForm(request, 200, Map.of("status", "saved"),
                () -> form(200, request, token, saved.get(), saved.get().preferences(), "Saved.", "ok", Map.of()));
    }

    /** {@code /preferences/feed-link}: a new link for the private feed; every older one stops working. */
    WebResponse replaceFeedLink(WebRequest request) {
        String token = request.fields().getOrDefault("token", request.param("token").orElse(""));
        Optional<Subscriber> replaced = subscriptions.replaceFeedLink(token);
        if (replaced.isEmpty()) {
            return Answers.error(request, 400, INVALID);
        }
        Subscriber s = replaced.get();
        Links links = site.of(request);
        return Answers.ofForm(request, 200, Map.of("status", "replaced",
                        "atom", links.feed(s, Links.FeedFormat.ATOM),
                        "rss", links.feed(s, Links.FeedFormat.RSS)),
                () -> form(200, request, token, s, s.preferences(), "Your feed has a new link; the old one no longer works.", "ok", Map.of()));
    }

    /** The page showing {@code p}, or, for a form sent back with an error, the fields as {@code sent}. */
    private WebResponse form(int status, WebRequest request, String token, Subscriber subscriber, Preferences p, String notice,
                             String kind, Map<String, String> sent) {
        Links links = site.of(request);
        // The feed as saved: a delivery just sent back with an error has not turned it on or off.
        boolean feeds = subscriber.preferences().delivery().feeds();
        return WebResponse.html(status, Pages.preferences(new Pages.PreferencesForm(token, subscriber.email().value(), p,
                notice, kind, links.unsubscribe(subscriber.id()),
                feeds ? links.feed(subscriber, Links.FeedFormat.ATOM) : "",
                feeds ? links.feed(subscriber, Links.FeedFormat.RSS) : "",
                // Settings sent back with an error cannot be previewed: the preview says why, as the script's would.
                sent.isEmpty() ? previews.forPage(p) : Optional.of(PreviewView.refused(notice)), sent)))
                .withHeader("Content-Security-Policy", WebResponse.CSP_WITH_OUR_SCRIPT);
    }
}
