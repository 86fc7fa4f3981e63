package dev.paperboy.mail;

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

    /**
     * SES turned the request down for a reason every mail shares (the sender identity, permissions, the
     * configuration set, no connection): nothing was sent; return the message and try again later.
     */
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

    /** This recipient's mail will never be accepted (an address SES refuses or suppresses): done for the period. */
    final class Rejected extends RuntimeException {
        public Rejected(String message) {
            super(message);
        }
    }

    /**
     * SES turned this one mail down for a reason that is neither surely the recipient's for good nor the
     * account's (its content, a request SES would not take): nothing was sent; try it again with its
     * message, without holding back the other subscribers.
     */
    final class Declined extends RuntimeException {
        public Declined(String message) {
            super(message);
        }
    }
}
