package dev.paperboy.source;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A day that could not be fetched or read, with what the source answered and the keys of the
 * answers archived before it failed (nothing is lost: an operator finds them in the report).
 */
public final class SourceException extends RuntimeException {
    private final LocalDate date;
    private final transient List<String> archivedKeys;

    public SourceException(LocalDate date, String message) {
        this(date, message, List.of());
    }

    public SourceException(LocalDate date, String message, Throwable cause) {
        super(date + ": " + message, cause);
        this.date = date;
        this.archivedKeys = List.of();
    }

    public SourceException(LocalDate date, String message, List<String> archivedKeys) {
        super(date + ": " + message);
        this.date = date;
        this.archivedKeys = List.copyOf(archivedKeys);
    }

    private SourceException(SourceException failure, List<String> archivedKeys) {
        super(failure.getMessage(), failure.getCause());
        this.date = failure.date;
        this.archivedKeys = List.copyOf(archivedKeys);
        setStackTrace(failure.getStackTrace());
    }

    public LocalDate date() {
        return date;
    }

    public List<String> archivedKeys() {
        return archivedKeys;
    }

    /** The same failure, counting the keys archived for the day's earlier pages too. */
    SourceException after(List<String> earlierKeys) {
        List<String> all = new ArrayList<>(earlierKeys);
        all.addAll(archivedKeys);
        return new SourceException(this, all);
    }
}
