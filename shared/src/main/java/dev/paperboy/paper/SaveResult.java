package dev.paperboy.paper;

/**
 * What storing one day's listing changed: {@code written} papers whose listing entry was written
 * (new to the day, changed, or moved in rank), {@code unchanged} the rest of the list,
 * {@code removed} entries dropped, and {@code papersWritten} paper items written (new or changed
 * content; a paper that only moved in rank is not rewritten).
 */
public record SaveResult(int written, int unchanged, int removed, int papersWritten) {
}
