package dev.paperboy.web;

import dev.paperboy.render.Pages;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.InvalidInputException;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.SubscriptionActions;
import java.util.Map;

/**
 * {@code POST /subscribe}: an address and its preferences in, a confirmation mail out. Every
 * valid request gets the same answer after the same time, whether a mail went or not, so that
 * nothing is learnt about an address. A refused form changes nothing.
 */
final class SubscribeFlow implements Flow {
    static final String SUBSCRIBED_NOTICE =
            "Thanks! If this address can subscribe, a confirmation link is on its way: check your inbox.";

    private final SubscriptionActions subscriptions;
    private final ResponseFloor floor;
    private final SiteLinks site;
    private final IndexPage index;

    SubscribeFlow(SubscriptionActions subscriptions, ResponseFloor floor, SiteLinks site, IndexPage index) {
        this.subscriptions = subscriptions;
        this.floor = floor;
        this.site = site;
        this.index = index;
    }

    @Override
    public WebResponse answer(WebRequest request) {
        Map<String, String> form = request.fields();
        String typedEmail = form.getOrDefault("email", "");
        try {
            EmailAddress email = EmailAddress.parse(typedEmail);
            Preferences preferences = new PreferenceFields(form).apply(Preferences.defaults());
            floor.run(() -> subscriptions.subscribe(email, preferences, site.of(request)));
        } catch (InvalidInputException e) {
            return Answers.refusedForm(request, e, () -> index.withFormError(request, e.getMessage(),
                    Echo.clip(typedEmail, 254), Echo.clip(form.getOrDefault("keywords", ""), 600)));
        }
        return Answers.ofForm(request, 202, Map.of("status", "accepted", "message", SUBSCRIBED_NOTICE),
                () -> Answers.message(200, new Pages.Message("Paperboy: check your inbox", "Check your inbox",
                        SUBSCRIBED_NOTICE, "Back to the papers", "/")));
    }
}
