package dev.paperboy.keys;

import dev.paperboy.json.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * The keys a function works with, read from the stack's secret once per container (by the
 * function's wiring, in its init phase) and kept fresh:
 * <ul>
 * <li><b>SnapStart.</b> The snapshot carries no key: {@code beforeCheckpoint} forgets the ring and
 *     {@code afterRestore} reads the secret again, so a container restored from a snapshot taken
 *     months ago works with the keys as they are now, rotated or not. If that read fails, the
 *     first use reads it (and fails the invocation if it still cannot).</li>
 * <li><b>Warm containers</b> read it again when their copy is older than {@link #REFRESH_AFTER},
 *     so that after a rotation they stop signing with the old key; if that read fails they keep
 *     the keys they have and try again a minute later.</li>
 * <li><b>A token naming a key this container does not know</b> (signed by a container that has
 *     already seen a rotation) makes it read the secret again, at most once per
 *     {@link #UNKNOWN_KEY_RETRY}, so a forged key id cannot make every request call Secrets Manager.</li>
 * </ul>
 */
public final class Keys implements Resource {
    public static final Duration REFRESH_AFTER = Duration.ofMinutes(10);
    public static final Duration UNKNOWN_KEY_RETRY = Duration.ofSeconds(30);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

    private final KeySource source;
    private final Clock clock;
    /** The ring and when it was read; null only between a checkpoint and the next read. */
    private volatile Loaded loaded;

    /** The ring, when it was read, and when to read the secret again (routinely, or for an unknown key id). */
    private record Loaded(KeyRing ring, Instant readAt, Instant refreshAt, Instant unknownKeyReadAt) {
    }

    private Keys(KeySource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** Reads the secret now and registers for SnapStart's checkpoint and restore. */
    public static Keys load(KeySource source, Clock clock) {
        Keys keys = new Keys(source, clock);
        keys.reload();
        // Without a CRaC runtime (locally, or Lambda without SnapStart) registering does nothing.
        // The global context holds resources weakly: the function's wiring holds this object.
        Core.getGlobalContext().register(keys);
        return keys;
    }

    /** Keys that never change: tests, and tools that work on a fixed secret value. */
    public static Keys fixed(String currentVersion, Optional<String> previousVersion) {
        Keys keys = new Keys(KeySource.fixed(currentVersion, previousVersion), Clock.systemUTC());
        keys.reload();
        return keys;
    }

    public static Keys fixed(String currentVersion) {
        return fixed(currentVersion, Optional.empty());
    }

    /** The key that signs new links. */
    public SigningKey signingKey() {
        return ring(false).current();
    }

    /** The keys with this id (current or previous); an unknown id reads the secret again first, now and then. */
    public List<SigningKey> verifyingKeys(String keyId) {
        List<SigningKey> keys = ring(false).withId(keyId);
        return keys.isEmpty() ? ring(true).withId(keyId) : keys;
    }

    /** A keyed hash (HMAC-SHA256, hex) of the text, under the purpose's own subkey of the secret's root. */
    public String hash(HashPurpose purpose, String text) {
        return ring(false).hash(purpose, text);
    }

    private KeyRing ring(boolean unknownKey) {
        Loaded now = loaded;
        if (now == null) {
            return reload();
        }
        Instant at = clock.instant();
        boolean stale = !at.isBefore(now.refreshAt()) || unknownKey && !at.isBefore(now.unknownKeyReadAt());
        if (!stale) {
            return now.ring();
        }
        try {
            return reload();
        } catch (RuntimeException e) {
            JsonLog.error("keys secret could not be read again; keeping the keys read at " + now.readAt(),
                    Map.of("error", JsonLog.describe(e)));
            // Try again in a minute rather than on every request.
            loaded = new Loaded(now.ring(), now.readAt(), at.plus(RETRY_AFTER_FAILURE), at.plus(UNKNOWN_KEY_RETRY));
            return now.ring();
        }
    }

    private synchronized KeyRing reload() {
        KeySource.Versions versions = source.read();
        KeyRing ring = KeyRing.parse(versions.current(), versions.previous());
        Loaded previous = loaded;
        Instant at = clock.instant();
        loaded = new Loaded(ring, at, at.plus(REFRESH_AFTER), at.plus(UNKNOWN_KEY_RETRY));
        if (previous == null || !previous.ring().current().id().equals(ring.current().id())) {
            JsonLog.info("keys read", Map.of("signingKey", ring.current().id(), "previousKey", ring.previous().map(SigningKey::id).orElse("")));
        }
        return ring;
    }

    /** The snapshot is taken without key material in it. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        loaded = null;
    }

    /** A restored container reads the secret as it is now; if it cannot, the first use will. */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        try {
            reload();
        } catch (RuntimeException e) {
            JsonLog.error("keys secret not read after restore; the first request reads it", Map.of("error", JsonLog.describe(e)));
        }
    }
}
