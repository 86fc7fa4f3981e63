package dev.paperboy.render;

import java.util.List;

/** A digest ready to send: subject, both parts of the mail, the web copy to archive, the papers it carries. */
public record RenderedDigest(String subject, String text, String html, String webHtml, List<String> paperIds) {
}
