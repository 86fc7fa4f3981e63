package dev.paperboy.digest;

import java.time.LocalDate;

/** How many papers the lists of some days hold. */
@FunctionalInterface
public interface ListedPapers {
    int papersListedBetween(LocalDate first, LocalDate last);
}
