package dev.paperboy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * For `make serve`: the mail the API hands the local SES (confirmations) written to out/mail/ as it
 * arrives, its links printed, so a person can follow them. Mail already there at start is skipped.
 */
public final class MailFiles {
    private final Outbox outbox;
    private final Path dir;
    private final Set<String> written = new HashSet<>();

    public MailFiles(Outbox outbox, Path dir) {
        this.outbox = outbox;
        this.dir = dir;
        outbox.all().forEach(m -> written.add(m.id()));
    }

    /** Writes the mail that arrived since the last call. */
    public void writeNew() throws IOException {
        for (Outbox.Mail mail : outbox.all()) {
            // The API sends simple mail (confirmations); raw digests are `make run`'s to write.
            if (!mail.raw() && written.add(mail.id())) {
                Files.createDirectories(dir);
                Path file = dir.resolve(Instant.now().toString().replace(':', '-') + "-" + mail.id().substring(0, 8) + ".html");
                Files.writeString(file, mail.body());
                System.out.println("mail to " + String.join(", ", mail.to()) + ": \"" + mail.subject() + "\" -> " + file);
                for (String path : List.of("/confirm", "/preferences", "/unsubscribe")) {
                    try {
                        System.out.println("  " + path.substring(1) + ": " + mail.link(path));
                    } catch (IllegalStateException noSuchLink) {
                        // not every mail has every link
                    }
                }
            }
        }
    }
}
