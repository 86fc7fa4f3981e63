package dev.paperboy.source;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One page of one day's Daily Papers list, and where the raw archive keeps its answers. */
public record PageAddress(LocalDate date, int page) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Every answer for this page is archived under it; a replay reads the latest successful one back. */
    public String archivePrefix() {
        return "raw/huggingface/daily_papers/" + date + "/page-" + page + "/";
    }

    /** Says source, date and page; the time and attempt keep every fetch, retries included. */
    String archiveKey(Instant receivedAt, int attempt, HttpResponse response) {
        String base = archivePrefix() + STAMP.format(receivedAt) + "-" + attempt;
        return response.ok() ? base + ".json" : base + ".http-" + response.status();
    }
}
