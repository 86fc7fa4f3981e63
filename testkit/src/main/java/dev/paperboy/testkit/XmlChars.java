package dev.paperboy.testkit;

/** What the tests check of text that leaves as XML or HTML, written apart from the code under test. */
public final class XmlChars {
    private XmlChars() {
    }

    /** The index of the first character XML 1.0 does not allow (its Char production), or -1. */
    public static int firstForbidden(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
            if (!allowed) {
                return i;
            }
            i += Character.charCount(c);
        }
        return -1;
    }
}
