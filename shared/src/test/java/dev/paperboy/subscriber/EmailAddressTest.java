package dev.paperboy.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EmailAddressTest {
    @Test
    void trimsAndLowerCasesTheDomainOnly() {
        assertEquals("Reader.Name+papers@example.com", EmailAddress.parse("  Reader.Name+papers@Example.COM \n").value());
    }

    @Test
    void internationalDomainsAreStoredInAscii() {
        assertEquals("reader@xn--bcher-kva.example", EmailAddress.parse("reader@bücher.example").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "no-at-sign", "@example.com", "reader@", "a@b@example.com", "reader@localhost",
            "reader@example..com", "reader@-example.com", ".reader@example.com", "re..ader@example.com",
            "reader@example.com\r\nBcc: victim@example.com", "reader\n@example.com", "reader@exa\u0000mple.com",
            "\"quoted\"@example.com", "reader@[127.0.0.1]", "<script>@example.com", "reader@exam_ple.com"})
    void refusesWhatIsNotAPlainAddress(String raw) {
        assertThrows(InvalidInputException.class, () -> EmailAddress.parse(raw));
    }

    @Test
    void refusesAddressesLongerThanTheStandardAllows() {
        assertThrows(InvalidInputException.class, () -> EmailAddress.parse("a".repeat(65) + "@example.com"));
        assertThrows(InvalidInputException.class, () -> EmailAddress.parse("a@" + "b".repeat(250) + ".com"));
    }

    @Test
    void itsStringFormDoesNotRevealTheAddress() {
        EmailAddress email = EmailAddress.parse("reader@example.com");
        assertFalse(email.toString().contains("reader"));
        var keys = dev.paperboy.keys.Keys.fixed(dev.paperboy.keys.KeyRing.secretValue("a-test-root-that-is-long-enough-for-hmac-0123",
                java.util.Optional.empty()));
        assertEquals(16, email.hash(keys).length());
    }
}
