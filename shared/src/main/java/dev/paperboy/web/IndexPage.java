package dev.paperboy.web;

import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperLookup;
import dev.paperboy.render.Pages;
import dev.paperboy.render.PaperView;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /}: a day's papers ({@code ?date=}, else the latest list), or search results ({@code ?q=}); the subscribe form. */
final class IndexPage implements Flow {
    private static final int SEARCH_RESULTS = 50;

    private final PaperLookup papers;

    IndexPage(PaperLookup papers) {
        this.papers = papers;
    }

    @Override
    public WebResponse answer(WebRequest request) {
        return render(request, "", "", "", "");
    }

    /** The page again after a refused subscribe: 400, the message, and what was typed. */
    WebResponse withFormError(WebRequest request, String message, String email, String keywords) {
        return render(request, message, "error", email, keywords);
    }

    private WebResponse render(WebRequest request, String notice, String noticeKind, String email, String keywords) {
        Optional<String> query = PaperQuery.search(request);
        if (query.isPresent()) {
            List<PaperView> results = PaperView.ranked(papers.search(PaperQuery.terms(query.get()), SEARCH_RESULTS));
            return WebResponse.html(200, Pages.index(new Pages.Index("", "", "", List.of(), query.get(), results, true,
                    notice, noticeKind, email, keywords)));
        }
        Map.Entry<LocalDate, List<Paper>> day = PaperQuery.askedOrLatestDay(request, papers);
        LocalDate date = day.getKey();
        String next = date.isBefore(papers.latest()) ? date.plusDays(1).toString() : "";
        String previous = date.isAfter(ListingCalendar.FIRST_LIST) ? date.minusDays(1).toString() : "";
        int status = noticeKind.equals("error") ? 400 : 200;
        return WebResponse.html(status, Pages.index(new Pages.Index(date.toString(), previous, next, PaperView.ranked(day.getValue()),
                "", List.of(), false, notice, noticeKind, email, keywords)));
    }
}
