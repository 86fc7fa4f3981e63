package dev.paperboy.digest;

import dev.paperboy.mail.MimeDigest;
import dev.paperboy.paper.Paper;
import dev.paperboy.render.DigestRenderer;
import dev.paperboy.render.RenderedDigest;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Links;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Subscriber;
import java.util.List;

/** Turns a subscriber's chosen papers into a mail ready for SES: rendered, its web copy archived, as MIME. */
public final class DigestComposer {
    /** A digest ready to hand over: the MIME message, the papers it carries and where its web copy is. */
    public record Composed(String from, EmailAddress to, byte[] mime, List<String> paperIds, String archiveKey) {
    }

    private final DigestRenderer renderer;
    private final DigestArchive archive;
    private final Links links;
    private final String from;

    public DigestComposer(DigestRenderer renderer, DigestArchive archive, Links links, String from) {
        this.renderer = renderer;
        this.archive = archive;
        this.links = links;
        this.from = from;
    }

    public Composed compose(Subscriber subscriber, Period period, List<Paper> papers) {
        String id = subscriber.id();
        String unsubscribe = links.unsubscribe(id);
        String feed = subscriber.preferences().delivery().feeds()
                ? links.feed(subscriber, Links.FeedFormat.ATOM) : "";
        RenderedDigest digest = renderer.render(period, papers, subscriber.preferences(), new DigestRenderer.Links(
                links.preferences(id), unsubscribe, links.digest(period.id(), id), links.home(), feed));
        // The web copy: "view in browser" must not hand whoever has its link the subscriber's unsubscribe or preferences.
        String archiveKey = archive.store(period, id, digest.webHtml());
        byte[] mime = MimeDigest.build(from, subscriber.email(), digest, unsubscribe);
        return new Composed(from, subscriber.email(), mime, digest.paperIds(), archiveKey);
    }
}
