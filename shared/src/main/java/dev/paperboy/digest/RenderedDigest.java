package dev.paperboy.digest;

import java.util.List;

/** A digest ready to send: subject, both parts, the papers it carries. */
public record RenderedDigest(String subject, String text, String html, List<String> paperIds) {
}
