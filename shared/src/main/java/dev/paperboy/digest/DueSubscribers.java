package dev.paperboy.digest;

import dev.paperboy.subscriber.Schedule;
import java.time.ZoneId;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The subscribers digests go to, handed over one by one as they are read: never all held at once. */
public interface DueSubscribers {
    /** The zones some subscriber's schedule names, the default zone always among them. */
    Set<ZoneId> zonesInUse();

    /** The confirmed subscribers of one schedule. */
    void forEachDue(Schedule schedule, Consumer<String> subscriberId);

    /** From two functions, such as a repository's methods. */
    static DueSubscribers from(Supplier<Set<ZoneId>> zonesInUse, BiConsumer<Schedule, Consumer<String>> forEachDue) {
        return new DueSubscribers() {
            @Override
            public Set<ZoneId> zonesInUse() {
                return zonesInUse.get();
            }

            @Override
            public void forEachDue(Schedule schedule, Consumer<String> subscriberId) {
                forEachDue.accept(schedule, subscriberId);
            }
        };
    }
}
