package dev.paperboy.paper;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text as matching sees it, the one place that decides it: lower case, compatibility forms read as
 * their letters (the ligature "ﬁ" as "fi", full-width "Ｇ" as "g", "²" as "2": NFKD), accents
 * dropped ("Évaluation" is "evaluation": the diacritics NFKD splits off), and the few Latin letters
 * it does not split folded by hand (ł, ø, đ, ð, ß, æ, œ, ı, þ); words are runs of letters and
 * digits. Only the combining diacritics go: other scripts' marks are part of their letters (the
 * voicing mark makes ガ another letter than カ, a Devanagari vowel sign is a vowel). Keywords,
 * topics, the papers' words and author names all go through it.
 */
public final class Words {
    private Words() {
    }

    /** The text lower-cased and without accents; punctuation and spacing are kept. */
    public static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (isAscii(lower)) {
            return lower; // most text: nothing to decompose
        }
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (isCombiningDiacritic(c)) {
                continue;
            }
            switch (c) {
                case 'ł' -> out.append('l');
                case 'ø' -> out.append('o');
                case 'đ', 'ð' -> out.append('d');
                case 'ı' -> out.append('i');
                case 'ß' -> out.append("ss");
                case 'æ' -> out.append("ae");
                case 'œ' -> out.append("oe");
                case 'þ' -> out.append("th");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The folded words of a text, in order. */
    public static List<String> of(String text) {
        String folded = fold(text);
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            boolean inWord = isWordCharacter(c);
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(folded.substring(start, i));
                start = -1;
            }
            i += Character.charCount(c);
        }
        if (start >= 0) {
            words.add(folded.substring(start));
        }
        return words;
    }

    /**
     * A letter, a mark left on one (other scripts' marks stay, decomposed) or any number: \\p{L},
     * \\p{M} or \\p{N}.
     */
    private static boolean isWordCharacter(int c) {
        return Character.isLetter(c) || switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK,
                 Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /** The blocks of combining diacritical marks (basic, extended, supplement, for symbols, half marks). */
    private static boolean isCombiningDiacritic(char c) {
        return (c >= '\u0300' && c <= '\u036F') || (c >= '\u1AB0' && c <= '\u1AFF') || (c >= '\u1DC0' && c <= '\u1DFF')
                || (c >= '\u20D0' && c <= '\u20FF') || (c >= '\uFE20' && c <= '\uFE2F');
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
