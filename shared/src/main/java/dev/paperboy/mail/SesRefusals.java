package dev.paperboy.mail;

import java.util.Locale;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * Whom an SES v2 SendEmail error concerns: the recipient alone, this one mail, or every mail the
 * account sends. It decides whether the other subscribers of a queue message wait (account) or go on.
 *
 * <p>SES uses one error code for both sides: {@code MessageRejected} "Email address is not verified.
 * The following identities failed the check ...: <addresses>" names the sender (every mail fails) or,
 * in the sandbox, the recipient (only this one does). So the text is read for the two addresses.
 */
public final class SesRefusals {
    private SesRefusals() {
    }

    public enum Scope {
        /** Over the account's send rate or quota: back off and try again. */
        THROTTLED,
        /** Sending is stopped for the account (paused, suspended, MAIL FROM unverified): stop, return everything. */
        PAUSED,
        /** Any mail would be refused the same way (the sender identity, permissions, configuration set). */
        ACCOUNT,
        /** This recipient's mail will not be accepted (an address SES refuses, suppressed, unverified in the sandbox). */
        RECIPIENT,
        /** This one mail was turned down for a reason of its own: try it again later, alone. */
        THIS_MAIL,
        /** Not a refusal SES made before sending (a 5xx): whether the mail went out is unknown. */
        UNKNOWN
    }

    /** {@code from} and {@code to} are bare addresses, as SES names them in its error texts. */
    public static Scope scope(SesV2Exception e, String from, String to) {
        String text = text(e);
        if (e instanceof TooManyRequestsException || e instanceof LimitExceededException) {
            return Scope.THROTTLED;
        }
        if (e instanceof SendingPausedException || e instanceof AccountSuspendedException || e instanceof MailFromDomainNotVerifiedException) {
            return Scope.PAUSED;
        }
        if (e.statusCode() < 400 || e.statusCode() >= 500) {
            return Scope.UNKNOWN;
        }
        if (!from.isEmpty() && text.contains(from.toLowerCase(Locale.ROOT))) {
            return Scope.ACCOUNT; // the sender named: the same answer for everyone
        }
        if (e instanceof MessageRejectedException) {
            return text.contains(to.toLowerCase(Locale.ROOT)) || text.contains("address blacklisted") ? Scope.RECIPIENT : Scope.THIS_MAIL;
        }
        if (e instanceof BadRequestException) {
            // "Illegal address", "Local address contains illegal character": the From is the template's checked
            // parameter, the same for every mail, so an address SES cannot parse is the recipient's.
            return text.contains("address") ? Scope.RECIPIENT : Scope.THIS_MAIL;
        }
        return Scope.ACCOUNT; // AccessDenied, NotFound (the configuration set) and other 4xx: nothing here is per mail
    }

    /** A bare address out of {@code Name <address>} or an address alone. */
    public static String address(String mailbox) {
        int lt = mailbox.lastIndexOf('<');
        int gt = mailbox.lastIndexOf('>');
        return (lt >= 0 && gt > lt ? mailbox.substring(lt + 1, gt) : mailbox).strip();
    }

    /** The error's text as SES sent it, lower case; the code when there is no text. */
    private static String text(SesV2Exception e) {
        String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : String.valueOf(e.getMessage());
        return message.toLowerCase(Locale.ROOT);
    }

    /** For logs: the code and status, never the text (it may name an address). */
    public static String describe(SesV2Exception e) {
        String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
        return code + " (HTTP " + e.statusCode() + ")";
    }
}
