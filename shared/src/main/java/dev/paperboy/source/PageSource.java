package dev.paperboy.source;

import java.util.List;

/** Where a day's pages come from: the API ({@link DailyPapersClient}) or the raw archive ({@link ArchivedPages}). */
public interface PageSource {
    /**
     * The page's body; a page that cannot be had throws {@link SourceException} naming the date,
     * with the keys of the answers archived before it gave up.
     */
    Answer page(PageAddress address);

    /** A page's body, and the keys its answers were archived under (none when read from the archive). */
    record Answer(byte[] body, List<String> archivedKeys) {
        public Answer {
            archivedKeys = List.copyOf(archivedKeys);
        }
    }
}
