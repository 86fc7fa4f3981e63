package dev.paperboy.render;

import dev.paperboy.paper.Paper;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A paper as pages, feeds and mails show it. Values are raw text: templates escape them. */
public record PaperView(int rank, String id, String title, String huggingFaceUrl, String arxivUrl, String pdfUrl,
                        String githubUrl, int githubStars, String projectUrl, int upvotes, int comments,
                        String authors, String summary, String thumbnail, String firstListed) {
    private static final Pattern SENTENCE = Pattern.compile("^(.+?[.!?])(\\s|$)");
    private static final int SUMMARY_MAX = 320;

    public static PaperView of(int rank, Paper p) {
        return new PaperView(rank, p.id(), p.title(), p.huggingFaceUrl(), p.arxivUrl(), p.pdfUrl(),
                p.githubRepo().orElse(""), p.githubStars().orElse(0), p.projectPage().orElse(""),
                p.upvotes(), p.comments(), shortAuthors(p.authors()),
                p.aiSummary().orElseGet(() -> firstSentences(p.abstractText())),
                p.thumbnail().orElse(""), p.firstListed().toString());
    }

    public static List<PaperView> ranked(List<Paper> papers) {
        return java.util.stream.IntStream.range(0, papers.size()).mapToObj(i -> of(i + 1, papers.get(i))).toList();
    }

    public String commentsLabel() {
        return comments + (comments == 1 ? " comment" : " comments");
    }

    public boolean hasGithub() {
        return !githubUrl.isEmpty();
    }

    public boolean hasProject() {
        return !projectUrl.isEmpty();
    }

    static String shortAuthors(List<String> authors) {
        if (authors.size() <= 3) {
            return String.join(", ", authors);
        }
        return String.join(", ", authors.subList(0, 3)) + " et al.";
    }

    /** The first two sentences of an abstract, cut at a word if they are long. */
    static String firstSentences(String text) {
        String rest = text.strip();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 2 && !rest.isEmpty(); i++) {
            Matcher m = SENTENCE.matcher(rest);
            if (!m.find()) {
                out.append(out.isEmpty() ? "" : " ").append(rest);
                break;
            }
            out.append(out.isEmpty() ? "" : " ").append(m.group(1));
            rest = rest.substring(m.end()).strip();
        }
        String summary = out.toString();
        if (summary.length() <= SUMMARY_MAX) {
            return summary;
        }
        int cut = summary.lastIndexOf(' ', SUMMARY_MAX - 1);
        return summary.substring(0, cut > 0 ? cut : SUMMARY_MAX - 1) + "…";
    }
}
