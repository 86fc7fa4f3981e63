package dev.paperboy.mail;

import dev.paperboy.mail.DigestMailer.Declined;
import dev.paperboy.mail.DigestMailer.Paused;
import dev.paperboy.mail.DigestMailer.Refused;
import dev.paperboy.mail.DigestMailer.Rejected;
import dev.paperboy.mail.DigestMailer.Throttled;
import dev.paperboy.subscriber.EmailAddress;
import java.util.Optional;
import java.net.ConnectException;
import java.net.UnknownHostException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Sends raw MIME through SES v2 with the configuration set, and says what a failure means for the sender
 * ({@link SesRefusals}: the recipient's, this mail's or the account's).
 * Give it a client that does not retry ({@code AwsClients.sesSendingOnce()}): a failure that leaves it unknown
 * whether SES took the mail (a lost answer, a 5xx) is passed on as it is, and the sender keeps its claim.
 */
public final class SesDigestMailer implements DigestMailer {
    private final SesV2Client ses;
    private final Optional<String> configurationSet;

    public SesDigestMailer(SesV2Client ses, Optional<String> configurationSet) {
        this.ses = ses;
        this.configurationSet = configurationSet;
    }

    @Override
    public String send(String from, EmailAddress to, byte[] mime) {
        try {
            return ses.sendEmail(r -> {
                r.fromEmailAddress(from).destination(d -> d.toAddresses(to.value()))
                        .content(c -> c.raw(raw -> raw.data(SdkBytes.fromByteArray(mime))));
                configurationSet.ifPresent(r::configurationSetName);
            }).messageId();
        } catch (SesV2Exception e) {
            // Every refusal but UNKNOWN came before sending. THROTTLED, PAUSED and ACCOUNT concern every mail and
            // return the queue message; RECIPIENT and THIS_MAIL concern this one, and the message's others go on.
            String why = SesRefusals.describe(e);
            throw switch (SesRefusals.scope(e, SesRefusals.address(from), to.value())) {
                case THROTTLED -> new Throttled(why);
                case PAUSED -> new Paused(why);
                case ACCOUNT -> new Refused(why);
                case RECIPIENT -> new Rejected(why);
                case THIS_MAIL -> new Declined(why);
                case UNKNOWN -> e; // a 5xx: SES may have the mail, and the sender keeps its claim
            };
        } catch (SdkClientException e) {
            if (neverConnected(e)) {
                // No connection, no request: nothing was sent, so the claim may be given back.
                throw new Refused("cannot connect to SES: " + e.getMessage());
            }
            throw e;
        }
    }

    private static boolean neverConnected(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}
