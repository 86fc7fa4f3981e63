package dev.paperboy.render;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateOutput;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The precompiled jte templates: HTML ones escape every value for its context, text ones do not.
 * Both write through {@link XmlText}, so no character XML forbids leaves in a page or a mail.
 */
public final class Templates {
    private static final TemplateEngine HTML = TemplateEngine.createPrecompiled(null, ContentType.Html, null, "dev.paperboy.templates.html");
    private static final TemplateEngine TEXT = TemplateEngine.createPrecompiled(null, ContentType.Plain, null, "dev.paperboy.templates.text");

    /** jte's own default. */
    private static final int DEFAULT_CAPACITY = 8192;

    private Templates() {
    }

    public static String html(String name, Map<String, Object> params) {
        return html(name, params, DEFAULT_CAPACITY);
    }

    /** With room for about {@code capacity} characters, when the caller knows the output is long. */
    public static String html(String name, Map<String, Object> params, int capacity) {
        CleanOutput out = new CleanOutput(capacity);
        HTML.render(name + ".jte", params, out);
        return out.toString();
    }

    public static String text(String name, Map<String, Object> params) {
        return text(name, params, DEFAULT_CAPACITY);
    }

    public static String text(String name, Map<String, Object> params, int capacity) {
        CleanOutput out = new CleanOutput(capacity);
        TEXT.render(name + ".jte", params, out);
        return out.toString();
    }

    /**
     * Everything a template writes, escaped values and its own text alike, without the characters
     * XML forbids. jte writes a value in slices cut at the characters it escapes, never inside a
     * surrogate pair, so each slice can be checked alone.
     */
    private static final class CleanOutput implements TemplateOutput {
        private final StringBuilder out;

        CleanOutput(int capacity) {
            out = new StringBuilder(capacity);
        }

        @Override
        public void writeContent(String value) {
            writeContent(value, 0, value.length());
        }

        @Override
        public void writeContent(String value, int beginIndex, int endIndex) {
            int first = XmlText.firstForbidden(value, beginIndex, endIndex);
            if (first < 0) {
                out.append(value, beginIndex, endIndex);
            } else {
                XmlText.append(value, beginIndex, endIndex, first, out);
            }
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
