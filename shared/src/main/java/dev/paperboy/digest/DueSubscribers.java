package dev.paperboy.digest;

import dev.paperboy.subscriber.Period;
import java.util.function.Consumer;

/** The subscribers a period's digest goes to, handed over one by one as they are read: never all held at once. */
@FunctionalInterface
public interface DueSubscribers {
    void forEachDue(Period period, Consumer<String> subscriberId);
}
