package dev.paperboy.render;

/**
 * Text fit for XML and HTML: every character XML 1.0 allows, nothing else. U+FFFE, U+FFFF, C0
 * controls other than tab, LF and CR, and a half of a surrogate pair without its other half
 * cannot be written even escaped (an XML parser refuses the whole document, an HTML one reports a
 * parse error), so they are dropped. Every template's output ({@link Templates}) and the feed pass
 * through here: the one place, whatever the text's source.
 */
public final class XmlText {
    private XmlText() {
    }

    public static String clean(String text) {
        int first = firstForbidden(text, 0, text.length());
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        append(text, 0, text.length(), first, out);
        return out.toString();
    }

    /** The index of the first forbidden character in {@code text[from, to)}, or -1: the common case copies nothing. */
    static int firstForbidden(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0xD800) {
                continue; // nearly every character: one comparison pair
            }
            if (c < 0x20 ? !(c == '\t' || c == '\n' || c == '\r') : c == 0xFFFE || c == 0xFFFF) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++; // a whole pair: a character past U+FFFF, allowed
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Appends {@code text[from, to)} without its forbidden characters; {@code first} is the first of them. */
    static void append(CharSequence text, int from, int to, int first, StringBuilder out) {
        int start = from;
        for (int bad = first; bad >= 0; bad = firstForbidden(text, start, to)) {
            out.append(text, start, bad);
            start = bad + 1;
        }
        out.append(text, start, to);
    }
}
