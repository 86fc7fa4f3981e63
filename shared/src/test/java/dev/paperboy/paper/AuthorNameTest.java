package dev.paperboy.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorNameTest {
    private static boolean same(String a, String b) {
        boolean one = AuthorName.of(a).matches(AuthorName.of(b));
        assertEquals(one, AuthorName.of(b).matches(AuthorName.of(a)), "matching is symmetric: " + a + " / " + b);
        return one;
    }

    @Test
    void caseAccentsSpacingAndPunctuationDoNotMatter() {
        assertTrue(same("Ada Lovelace", "ada  LOVELACE"));
        assertTrue(same("José Álvarez-Núñez", "Jose Alvarez Nunez"));
        assertTrue(same("Yann LeCun", "Yann Le Cun"));
        assertTrue(same("Hyun-woo Kim", "Hyunwoo Kim"));
        assertTrue(same("Dan O'Brien", "Dan OBrien"));
        assertTrue(same("Dan O’Brien", "dan o'brien"));
        assertTrue(same("Łukasz Kaiser", "Lukasz Kaiser"));
    }

    @Test
    void anInitialMatchesAGivenNameItStarts() {
        assertTrue(same("A. Lovelace", "Ada Lovelace"));
        assertTrue(same("A Lovelace", "Ada Lovelace"));
        assertTrue(same("A. B. Lovelace", "Ada Byron Lovelace"));
        assertTrue(same("Ada B. Lovelace", "Ada Byron Lovelace"));
        assertTrue(same("H.-W. Kim", "Hyun-woo Kim"));
        assertFalse(same("B. Lovelace", "Ada Lovelace"));
    }

    @Test
    void whatIsNotMatched() {
        assertFalse(same("Lovelace Ada", "Ada Lovelace"), "family name first");
        assertFalse(same("Ada Lovelace", "Ada King Lovelace"), "a middle name more");
        assertFalse(same("H. Kim", "Hyun-woo Kim"), "one initial for two parts");
        assertFalse(same("Bill Gates", "William Gates"), "nicknames");
        assertFalse(same("Lovelace", "Ada Lovelace"), "a family name alone");
        assertFalse(same("Ada Lovelace", "Ada Byron"));
        assertFalse(same("A. L.", "Ada Lovelace"), "initials only");
        assertFalse(same("...", "..."), "no letters: nobody");
    }

    @Test
    void theFollowedAmongAPapersAuthorsAreNamedAsThePaperSpellsThem() {
        List<AuthorName> authors = AuthorName.all(List.of("Alan Turing", "Ada Lovelace", "Grace Hopper"));
        assertEquals(List.of("Ada Lovelace", "Grace Hopper"),
                AuthorName.followedAmong(authors, AuthorName.all(List.of("grace hopper", "A. Lovelace"))));
        assertEquals(List.of(), AuthorName.followedAmong(authors, AuthorName.all(List.of("Edsger Dijkstra"))));
    }

    @Test
    void anIndexFindsEachPaperOfAnAuthorOnceWhicheverWayTheNameIsSpelt() {
        AuthorIndex index = new AuthorIndex(List.of(
                paper("1", "Ada Lovelace", "Alan Turing"), paper("2", "Grace Hopper"), paper("3", "A. Lovelace", "Ada Lovelace"),
                paper("4", "Ada Le Lace"), paper("5", "Ada King Lovelace")));

        assertArrayEquals(new int[] {0, 2}, index.papersBy(AuthorName.of("Ada Lovelace")));
        assertArrayEquals(new int[] {0, 2}, index.papersBy(AuthorName.of("a. lovelace")));
        assertArrayEquals(new int[] {3}, index.papersBy(AuthorName.of("Ada LeLace")), "same letters, another family name");
        assertArrayEquals(new int[] {}, index.papersBy(AuthorName.of("Edsger Dijkstra")));
        assertArrayEquals(new int[] {}, index.papersBy(AuthorName.of("")));
    }

    private static Paper paper(String id, String... authors) {
        return new Paper(id, "T", "A.", List.of(authors), Optional.empty(), Optional.empty(), 1, 0, Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), LocalDate.of(2025, 8, 29));
    }
}
