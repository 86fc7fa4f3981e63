package dev.paperboy.paper;

/** What storing one day's listing changed: papers written, papers already up to date, entries dropped. */
public record SaveResult(int written, int unchanged, int removed) {
}
