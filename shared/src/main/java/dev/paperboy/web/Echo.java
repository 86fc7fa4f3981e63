package dev.paperboy.web;

/** What of a request may be echoed into an answer or a log line: clipped, a method name letters only. */
final class Echo {
    private Echo() {
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** A method name fit to echo: letters only, short. */
    static String method(String method) {
        String letters = method.replaceAll("[^A-Z]", "");
        return letters.substring(0, Math.min(letters.length(), 10));
    }
}
