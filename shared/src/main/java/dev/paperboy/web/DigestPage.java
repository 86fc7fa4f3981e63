package dev.paperboy.web;

import dev.paperboy.digest.DigestArchive;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.SubscriptionActions;
import java.util.Optional;

/** {@code /digests/<period>}: a sent digest's web copy, the "view in browser" link (no link in it acts for the subscriber). */
final class DigestPage implements Flow {
    static final String PREFIX = "/digests/";

    private final SubscriptionActions subscriptions;
    private final DigestArchive digests;

    DigestPage(SubscriptionActions subscriptions, DigestArchive digests) {
        this.subscriptions = subscriptions;
        this.digests = digests;
    }

    @Override
    public WebResponse answer(WebRequest request) {
        String periodId = request.path().substring(PREFIX.length());
        // The token names its digest's period: a link to one digest opens no other.
        Optional<String> reader = request.param("token").flatMap(token -> subscriptions.digestReader(token, periodId));
        if (reader.isEmpty()) {
            return Answers.error(request, 400, "This link is invalid or has expired.");
        }
        Period period;
        try {
            period = Period.parse(periodId);
        } catch (RuntimeException e) {
            return Answers.error(request, 404, "There is no such digest.");
        }
        return digests.read(period, reader.get())
                .map(html -> WebResponse.html(200, html)
                        .withHeader("Content-Security-Policy", "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'")
                        // The page's address carries its token: links to papers must not pass it on.
                        .withHeader("Referrer-Policy", "no-referrer"))
                .orElseGet(() -> Answers.error(request, 404, "There is no such digest."));
    }
}
