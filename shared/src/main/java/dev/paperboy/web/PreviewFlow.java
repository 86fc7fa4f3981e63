package dev.paperboy.web;

import dev.paperboy.digest.DigestPreview;
import dev.paperboy.json.JsonLog;
import dev.paperboy.paper.Paper;
import dev.paperboy.render.Pages;
import dev.paperboy.render.PreviewView;
import dev.paperboy.subscriber.InvalidInputException;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.SubscriptionActions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /preferences/preview?token=&<the form's fields>}: the next digest with the settings as
 * they stand on the page, unsaved, as an HTML fragment for the page's script (JSON for clients that
 * ask). Cheap enough for every pause in typing: the token is checked by its signature alone and
 * the settings come from the fields, so no profile is read; the papers come through the pages'
 * cached lists.
 */
final class PreviewFlow implements Flow {
    private final SubscriptionActions subscriptions;
    private final DigestPreview previews;

    PreviewFlow(SubscriptionActions subscriptions, DigestPreview previews) {
        this.subscriptions = subscriptions;
        this.previews = previews;
    }

    @Override
    public WebResponse answer(WebRequest request) {
        if (!request.param("token").filter(subscriptions::isPreferencesToken).isPresent()) {
            return refused(request, PreferencesFlow.INVALID);
        }
        Preferences preferences;
        try {
            // The page sends every field; one left out is as for a new subscriber.
            preferences = new PreferenceFields(queryFields(request)).apply(Preferences.defaults());
        } catch (InvalidInputException e) {
            return refused(request, e.getMessage());
        }
        DigestPreview.Result result = previews.of(preferences);
        return Answers.of(request, json(result), () -> WebResponse.html(200, Pages.preview(view(result, preferences))));
    }

    /** The preview of some preferences for a whole page; none if the papers cannot be read now (the page works without it). */
    Optional<PreviewView> forPage(Preferences preferences) {
        try {
            return Optional.of(view(previews.of(preferences), preferences));
        } catch (RuntimeException e) {
            JsonLog.error("preview failed", Map.of("error", JsonLog.describe(e)));
            return Optional.empty();
        }
    }

    private static PreviewView view(DigestPreview.Result result, Preferences preferences) {
        return PreviewView.of(result.lists().stream().map(l -> new PreviewView.Source(l.date(), l.fillingUp())).toList(),
                result.papers(), result.matching(), result.empty().map(DigestPreview.Empty::why), preferences.followedAuthors());
    }

    private static Map<String, Object> json(DigestPreview.Result result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lists", result.lists().stream().map(l -> Map.of("date", l.date().toString(), "papers", l.papers(),
                "fillingUp", l.fillingUp())).toList());
        json.put("matching", result.matching());
        json.put("papers", result.papers().stream().map(Paper::id).toList());
        result.empty().ifPresent(why -> json.put("empty", why.why()));
        return json;
    }

    /** A 400 the page's script shows in place of the preview: the same words the form would give. */
    private static WebResponse refused(WebRequest request, String message) {
        return request.wantsJson() ? Answers.error(request, 400, message) : WebResponse.html(400, Pages.preview(PreviewView.refused(message)));
    }

    /** The query's fields, the first value of each: a form sent with GET. */
    static Map<String, String> queryFields(WebRequest request) {
        Map<String, String> fields = new HashMap<>();
        request.query().forEach((name, values) -> {
            if (!values.isEmpty()) {
                fields.put(name, values.get(0));
            }
        });
        return fields;
    }
}
