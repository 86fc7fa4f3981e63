package dev.paperboy.paper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The authors of a list of papers, read once, so that finding a followed author's papers looks at
 * the few authors that could be them ({@link AuthorName#matches} needs the same family name or the
 * same letters), not at every author of every paper.
 */
public final class AuthorIndex {
    private record Entry(int paper, AuthorName name) {
    }

    private final Map<String, List<Entry>> byFamily = new HashMap<>();
    private final Map<String, List<Entry>> byJoined = new HashMap<>();

    public AuthorIndex(List<Paper> papers) {
        for (int i = 0; i < papers.size(); i++) {
            for (String written : papers.get(i).authors()) {
                AuthorName name = AuthorName.of(written);
                if (!name.isEmpty()) {
                    Entry entry = new Entry(i, name);
                    byFamily.computeIfAbsent(name.family(), k -> new ArrayList<>()).add(entry);
                    byJoined.computeIfAbsent(name.joined(), k -> new ArrayList<>()).add(entry);
                }
            }
        }
    }

    /** The indexes (in the list given) of the papers the author is among the authors of, ascending, each once. */
    public int[] papersBy(AuthorName followed) {
        int[] found = new int[4];
        int n = 0;
        for (List<Entry> candidates : List.of(byFamily.getOrDefault(followed.family(), List.of()),
                byJoined.getOrDefault(followed.joined(), List.of()))) {
            for (Entry entry : candidates) {
                if (entry.name().matches(followed)) {
                    if (n == found.length) {
                        found = Arrays.copyOf(found, n * 2);
                    }
                    found[n++] = entry.paper();
                }
            }
        }
        return Arrays.stream(found, 0, n).sorted().distinct().toArray();
    }
}
