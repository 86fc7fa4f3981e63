package dev.paperboy.paper;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text as matching sees it, the one place that decides it: lower case, accents dropped ("Évaluation"
 * is "evaluation": NFD, then the combining marks removed), and the few Latin letters NFD does not
 * split folded by hand (ł, ø, đ, ð, ß, æ, œ, ı, þ); words are runs of letters and digits.
 * Keywords, topics, the papers' words and author names all go through it.
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
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
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

    /** A letter or any number (\\p{L} or \\p{N}: "²" and "Ⅳ" too), as the ranker's words always were. */
    private static boolean isWordCharacter(int c) {
        return Character.isLetter(c) || switch (Character.getType(c)) {
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
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
