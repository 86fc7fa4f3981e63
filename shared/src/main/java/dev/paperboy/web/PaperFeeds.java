package dev.paperboy.web;

import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperLookup;
import dev.paperboy.render.Feed;
import dev.paperboy.render.PaperView;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The papers for programs: a day's list as JSON ({@code /api/papers}) and the recent lists as RSS ({@code /feed.xml}). */
final class PaperFeeds {
    private static final int FEED_DAYS = 3;
    private static final int FEED_ITEMS = 100;

    private final PaperLookup papers;
    private final SiteLinks site;

    PaperFeeds(PaperLookup papers, SiteLinks site) {
        this.papers = papers;
        this.site = site;
    }

    WebResponse json(WebRequest request) {
        Map.Entry<LocalDate, List<Paper>> day = PaperQuery.askedOrLatestDay(request, papers);
        return Answers.json(200, Map.of("date", day.getKey().toString(), "papers", PaperView.ranked(day.getValue())));
    }

    WebResponse rss(WebRequest request) {
        Optional<String> query = PaperQuery.search(request);
        List<String> terms = query.map(PaperQuery::terms).orElse(List.of());
        List<Paper> recent = papers.recent(FEED_DAYS, terms, FEED_ITEMS);
        String title = query.map(q -> "Paperboy: Daily Papers matching " + q).orElse("Paperboy: Daily Papers");
        String xml = Feed.rss(title, site.of(request).home(), "Trending papers from Hugging Face Daily Papers", recent);
        return WebResponse.of(200, "application/rss+xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8), "public, max-age=900");
    }
}
