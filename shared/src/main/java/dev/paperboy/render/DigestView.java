package dev.paperboy.render;

import java.util.List;
import java.util.Map;

/**
 * What a digest shows; the HTML and text templates read it. {@code forMail} is false for the web
 * copy ("view in browser"): anyone with that page's address can see it, so it carries no link that
 * acts for the subscriber (preferences, unsubscribe) or opens their private feed ({@code feedUrl},
 * empty when they do not take the feed); those stay in the mail. {@code followedBy} holds, by
 * paper id, the authors the subscriber follows as that paper spells them.
 */
public record DigestView(String heading, String dateLabel, List<PaperView> papers, String reason,
                         String preferencesUrl, String unsubscribeUrl, String browserUrl, String homeUrl, boolean forMail,
                         String feedUrl, Map<String, String> followedBy) {

    public DigestView {
        followedBy = Map.copyOf(followedBy);
    }

    /** Whether the paper is by an author the subscriber follows. */
    public boolean followed(PaperView paper) {
        return followedBy.containsKey(paper.id());
    }

    /** The followed authors of the paper as it spells them ("Ada Lovelace and Alan Turing"), or "". */
    public String followedBy(PaperView paper) {
        return followedBy.getOrDefault(paper.id(), "");
    }

    /** The same digest without the subscriber's links, for the archive and the browser. */
    public DigestView forWeb() {
        return new DigestView(heading, dateLabel, papers, reason, "", "", "", homeUrl, false, "", followedBy);
    }
}
