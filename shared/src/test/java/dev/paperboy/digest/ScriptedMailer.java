package dev.paperboy.digest;

import dev.paperboy.mail.DigestMailer;
import dev.paperboy.subscriber.EmailAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** A mailer that accepts every mail unless told how to refuse the next ones, or one recipient's always. */
final class ScriptedMailer implements DigestMailer {
    record Sent(String from, EmailAddress to, String mime) {
    }

    final List<Sent> accepted = new ArrayList<>();
    int attempts;
    private final Deque<Supplier<RuntimeException>> next = new ArrayDeque<>();
    private final Map<String, Supplier<RuntimeException>> always = new ConcurrentHashMap<>();
    private Supplier<RuntimeException> otherwise;

    /** The next attempts fail so, in order; then mails are accepted again. */
    ScriptedMailer thenFail(Supplier<RuntimeException> failure, int times) {
        for (int i = 0; i < times; i++) {
            next.add(failure);
        }
        return this;
    }

    /** Every attempt fails so. */
    ScriptedMailer alwaysFail(Supplier<RuntimeException> failure) {
        otherwise = failure;
        return this;
    }

    /** Every attempt to this address fails so. */
    ScriptedMailer alwaysFailFor(EmailAddress to, Supplier<RuntimeException> failure) {
        always.put(to.value(), failure);
        return this;
    }

    @Override
    public String send(String from, EmailAddress to, byte[] mime) {
        attempts++;
        Supplier<RuntimeException> failure = always.containsKey(to.value()) ? always.get(to.value())
                : !next.isEmpty() ? next.poll() : otherwise;
        if (failure != null) {
            throw failure.get();
        }
        accepted.add(new Sent(from, to, new String(mime, java.nio.charset.StandardCharsets.UTF_8)));
        return "ses-" + accepted.size();
    }
}
