package dev.paperboy.digest;

import dev.paperboy.subscriber.EmailAddress;

/** Hands a MIME message to the mail service and returns its message id. */
public interface DigestMailer {
    String send(String from, EmailAddress to, byte[] mime);

    /** The service is busy: wait and try again, never drop the mail. */
    final class Throttled extends RuntimeException {
        public Throttled(String message) {
            super(message);
        }
    }

    /** SES turned this request down (permissions, a limit, a bad request): nothing was sent; try again later. */
    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** Sending is stopped for the account: stop the batch and give it back to the queue. */
    final class Paused extends RuntimeException {
        public Paused(String message) {
            super(message);
        }
    }

    /** This one message will never be accepted (a bad recipient). */
    final class Rejected extends RuntimeException {
        public Rejected(String message) {
            super(message);
        }
    }
}
