package dev.paperboy.render;

/**
 * What a digest shows around its papers; html/digest.jte and text/digest.jte read it, and each
 * paper is rendered by digest-paper.jte ({@link DigestRenderer}). {@code forMail} is false for the
 * web copy ("view in browser"): anyone with that page's address can see it, so it carries no link
 * that acts for the subscriber (preferences, unsubscribe) or opens their private feed
 * ({@code feedUrl}, empty when they do not take the feed); those stay in the mail.
 */
public record DigestView(String heading, String dateLabel, String reason,
                         String preferencesUrl, String unsubscribeUrl, String browserUrl, String homeUrl, boolean forMail,
                         String feedUrl) {

    /** The same digest without the subscriber's links, for the archive and the browser. */
    public DigestView forWeb() {
        return new DigestView(heading, dateLabel, reason, "", "", "", homeUrl, false, "");
    }
}
