package dev.paperboy.subscriber;

/** Sends the mail that carries a confirm link (new or pending address) or a manage link (confirmed one). */
public interface ConfirmationMailer {
    void sendConfirmation(EmailAddress to, String confirmUrl, String homeUrl);

    void sendAlreadySubscribed(EmailAddress to, String preferencesUrl, String unsubscribeUrl, String homeUrl);
}
