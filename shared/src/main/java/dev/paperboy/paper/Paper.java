package dev.paperboy.paper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A paper as a digest needs it. {@code firstListed} is the first Daily Papers day it was seen
 * on; the store keeps the earliest one when a paper is listed again.
 */
public record Paper(
        String id,
        String title,
        String abstractText,
        List<String> authors,
        Optional<Instant> publishedAt,
        Optional<Instant> listedAt,
        int upvotes,
        int comments,
        Optional<String> aiSummary,
        List<String> aiKeywords,
        Optional<String> githubRepo,
        Optional<Integer> githubStars,
        Optional<String> projectPage,
        Optional<String> thumbnail,
        LocalDate firstListed) {

    public Paper {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(abstractText, "abstractText");
        authors = List.copyOf(authors);
        aiKeywords = List.copyOf(aiKeywords);
        Objects.requireNonNull(firstListed, "firstListed");
    }

    /**
     * A short, stable digest of everything the source says about the paper (not of when we first
     * saw it), so that a re-fetch can tell an unchanged paper without reading the whole item.
     */
    public String fingerprint() {
        String canonical = String.join("\u001f",
                id, title, abstractText, String.join("\u001e", authors),
                publishedAt.map(Instant::toString).orElse(""), listedAt.map(Instant::toString).orElse(""),
                Integer.toString(upvotes), Integer.toString(comments),
                aiSummary.orElse(""), String.join("\u001e", aiKeywords),
                githubRepo.orElse(""), githubStars.map(String::valueOf).orElse(""),
                projectPage.orElse(""), thumbnail.orElse(""));
        return ShortHash.of(canonical);
    }

    public String huggingFaceUrl() {
        return "https://huggingface.co/papers/" + id;
    }

    public String arxivUrl() {
        return "https://arxiv.org/abs/" + id;
    }

    public String pdfUrl() {
        return "https://arxiv.org/pdf/" + id;
    }
}
