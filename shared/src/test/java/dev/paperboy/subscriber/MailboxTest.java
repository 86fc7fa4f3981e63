package dev.paperboy.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MailboxTest {
    private static Mailbox of(String address) {
        return Mailbox.of(EmailAddress.parse(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"victim@example.org", "Victim@example.org", "VICTIM@EXAMPLE.ORG", "victim+1@example.org",
            "ViCtIm+papers+more@Example.org", "victim+@example.org"})
    void caseAndPlusTagsAreOneMailbox(String spelling) {
        assertEquals(new Mailbox("victim@example.org"), of(spelling));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v.i.c.t.i.m@gmail.com", "Vic.Tim@GMail.com", "victim+x@googlemail.com", "vic.tim@googlemail.com"})
    void gmailIgnoresDotsAndIsOneDomainWithGooglemail(String spelling) {
        assertEquals(new Mailbox("victim@gmail.com"), of(spelling));
    }

    @Test
    void elsewhereADotMaySeparateTwoPeople() {
        assertNotEquals(of("jo.smith@company.example"), of("josmith@company.example"));
        assertNotEquals(of("victim@example.org"), of("victim@example.net"));
    }

    @Test
    void theCounterKeyIsKeyedAndTheSameForEverySpellingOfOneMailbox() {
        byte[] key = "k1".getBytes(StandardCharsets.UTF_8);
        assertEquals(of("victim@example.org").keyedId(key), of("VICTIM+2@example.org").keyedId(key));
        assertNotEquals(of("victim@example.org").keyedId(key), of("victim@example.org").keyedId("k2".getBytes(StandardCharsets.UTF_8)));
        assertEquals(32, of("victim@example.org").keyedId(key).length());
    }

    @Test
    void neverPrintsTheAddress() {
        assertFalse(of("victim@example.org").toString().contains("victim"));
    }
}
