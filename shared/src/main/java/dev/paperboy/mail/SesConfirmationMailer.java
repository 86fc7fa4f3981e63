package dev.paperboy.mail;

import dev.paperboy.render.Templates;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.subscriber.ConfirmationMailer;
import dev.paperboy.subscriber.EmailAddress;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Message;

/**
 * Confirmation mails through SES: a plain text and an HTML part, from the configured sender. A mail
 * SES does not take is counted ({@code ConfirmationMailsRefused}, alarmed): the visitor is told nothing
 * of it, so the count is the only way an operator hears of it.
 */
public final class SesConfirmationMailer implements ConfirmationMailer {
    private final SesV2Client ses;
    private final String from;
    private final Optional<String> configurationSet;
    private final Metrics metrics;

    public SesConfirmationMailer(SesV2Client ses, String from, Optional<String> configurationSet, Metrics metrics) {
        this.ses = ses;
        this.from = from;
        this.configurationSet = configurationSet;
        this.metrics = metrics;
    }

    @Override
    public void sendConfirmation(EmailAddress to, String confirmUrl, String homeUrl) {
        Map<String, Object> params = Map.of("confirmUrl", confirmUrl, "homeUrl", homeUrl);
        send(to, "Confirm your Paperboy subscription", Templates.text("confirm", params), Templates.html("confirm-mail", params));
    }

    @Override
    public void sendAlreadySubscribed(EmailAddress to, String preferencesUrl, String unsubscribeUrl, String homeUrl) {
        Map<String, Object> params = Map.of("preferencesUrl", preferencesUrl, "unsubscribeUrl", unsubscribeUrl, "homeUrl", homeUrl);
        send(to, "You are already subscribed to Paperboy", Templates.text("already", params), Templates.html("already-mail", params));
    }

    private void send(EmailAddress to, String subject, String text, String html) {
        Message message = Message.builder()
                .subject(Content.builder().data(subject).charset("UTF-8").build())
                .body(Body.builder()
                        .text(Content.builder().data(text).charset("UTF-8").build())
                        .html(Content.builder().data(html).charset("UTF-8").build())
                        .build())
                .build();
        try {
            ses.sendEmail(r -> {
                r.fromEmailAddress(from).destination(d -> d.toAddresses(to.value())).content(c -> c.simple(message));
                configurationSet.ifPresent(r::configurationSetName);
            });
        } catch (SdkException e) {
            metrics.count("ConfirmationMailsRefused");
            throw e;
        }
    }
}
