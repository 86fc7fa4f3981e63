package dev.paperboy.digest;

import dev.paperboy.web.PaperView;
import java.util.List;

/** What a digest mail shows; the HTML and text templates read it. */
public record DigestView(String heading, String dateLabel, List<PaperView> papers, String reason,
                         String preferencesUrl, String unsubscribeUrl, String browserUrl, String homeUrl) {
}
