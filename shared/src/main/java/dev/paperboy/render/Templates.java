package dev.paperboy.render;

import gg.jte.Content;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The precompiled jte templates: HTML ones escape every value for its context, text ones do not.
 * Both write through {@link XmlText}, so no character XML forbids leaves in a page or a mail.
 */
public final class Templates {
    private static final TemplateEngine HTML = TemplateEngine.createPrecompiled(null, ContentType.Html, null, "dev.paperboy.templates.html");
    private static final TemplateEngine TEXT = TemplateEngine.createPrecompiled(null, ContentType.Plain, null, "dev.paperboy.templates.text");

    /** jte's own default. */
    private static final int DEFAULT_CAPACITY = 8192;
    /** Pieces are short (a digest's frame, a paper): the builder grows if one is not, and is then cut. */
    private static final int PIECES_CAPACITY = 2048;

    private Templates() {
    }

    public static String html(String name, Map<String, Object> params) {
        CleanOutput out = new CleanOutput(DEFAULT_CAPACITY);
        HTML.render(name + ".jte", params, out);
        return out.toString();
    }

    public static String text(String name, Map<String, Object> params) {
        CleanOutput out = new CleanOutput(DEFAULT_CAPACITY);
        TEXT.render(name + ".jte", params, out);
        return out.toString();
    }

    /**
     * The template rendered once and cut where it writes the gap {@code params} is given: the text
     * before the first gap, between each two, after the last (one more piece than gaps written).
     * For a part that is the same in many outputs but for a value or two: it is rendered, escaped
     * and cleaned once, and the varying values are spliced in between its pieces. What is spliced
     * goes in as it is: it must be fit for that place already (digits, or text escaped and cleaned).
     */
    public static List<String> htmlPieces(String name, Function<Content, Map<String, Object>> params) {
        CleanOutput out = new CleanOutput(PIECES_CAPACITY);
        HTML.render(name + ".jte", params.apply(out.gap()), out);
        return out.pieces();
    }

    public static List<String> textPieces(String name, Function<Content, Map<String, Object>> params) {
        CleanOutput out = new CleanOutput(PIECES_CAPACITY);
        TEXT.render(name + ".jte", params.apply(out.gap()), out);
        return out.pieces();
    }

    /**
     * Everything a template writes, escaped values and its own text alike, without the characters
     * XML forbids. jte writes a value in slices cut at the characters it escapes, never inside a
     * surrogate pair, so each slice can be checked alone.
     */
    private static final class CleanOutput implements TemplateOutput {
        private final StringBuilder out;
        /** What came before each gap written so far; see {@link #htmlPieces}. */
        private final List<String> pieces = new ArrayList<>();

        CleanOutput(int capacity) {
            out = new StringBuilder(capacity);
        }

        /** A value that writes nothing but cuts this output there. */
        Content gap() {
            return ignored -> {
                pieces.add(out.toString());
                out.setLength(0);
            };
        }

        List<String> pieces() {
            pieces.add(out.toString());
            return List.copyOf(pieces);
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
