package dev.paperboy.paper;

import java.util.ArrayList;
import java.util.List;

/**
 * An author's name as following matches it, the one place that decides when two spellings are the
 * same person. Both names are read as given names then the family name, folded by {@link Words}
 * (case, accents), apostrophes dropped, every other punctuation a break between names. Two names
 * match when
 * <ul>
 * <li>they are the same letters once spaces and punctuation are gone ("Yann LeCun", "yann le cun";
 *     "Hyun-woo Kim", "Hyunwoo Kim"; "Dan O'Brien", "Dan OBrien"), or</li>
 * <li>the family names are the same and the given names pair up one for one, each the same or an
 *     initial of the other ("A. Lovelace" and "Ada Lovelace"; "A. B. Lovelace" and "Ada Byron Lovelace").</li>
 * </ul>
 * Not matched: the family name first ("Lovelace Ada"), a given name more or less ("Ada Lovelace" and
 * "Ada King Lovelace"), one initial for a name of two parts ("H. Kim" and "Hyun-woo Kim"), nicknames
 * ("Bill" for "William"), other transliterations ("Tchaikovsky", "Tschaikowsky"), a family name alone.
 */
public final class AuthorName {
    private final String written;
    /** The folded names, given names first, the family name last. */
    private final List<String> parts;
    private final String joined;

    private AuthorName(String written, List<String> parts) {
        this.written = written;
        this.parts = parts;
        this.joined = String.join("", parts);
    }

    public static AuthorName of(String written) {
        return new AuthorName(written, Words.of(written.replace("'", "").replace("’", "").replace("ʼ", "")));
    }

    public static List<AuthorName> all(List<String> written) {
        List<AuthorName> names = new ArrayList<>(written.size());
        for (String name : written) {
            names.add(of(name));
        }
        return names;
    }

    /** The name as it was written (on the paper, or by the subscriber). */
    public String written() {
        return written;
    }

    /** A name with no letters or digits matches nothing. */
    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /** Its letters without spaces or punctuation: same ones, same person. */
    String joined() {
        return joined;
    }

    /** The last name written, or "" for an empty name. */
    String family() {
        return parts.isEmpty() ? "" : parts.get(parts.size() - 1);
    }

    public boolean matches(AuthorName other) {
        if (isEmpty() || other.isEmpty()) {
            return false;
        }
        if (joined.equals(other.joined)) {
            return true;
        }
        int n = parts.size();
        if (n < 2 || n != other.parts.size() || !family().equals(other.family())) {
            return false;
        }
        for (int i = 0; i < n - 1; i++) {
            if (!sameGivenName(parts.get(i), other.parts.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameGivenName(String a, String b) {
        return a.equals(b) || a.length() == 1 && b.startsWith(a) || b.length() == 1 && a.startsWith(b);
    }

    /** The followed names among a paper's authors, as the paper spells them, in the paper's order. */
    public static List<String> followedAmong(List<AuthorName> authors, List<AuthorName> followed) {
        List<String> found = new ArrayList<>(1);
        for (AuthorName author : authors) {
            for (AuthorName name : followed) {
                if (author.matches(name)) {
                    found.add(author.written());
                    break;
                }
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return written;
    }
}
