package dev.paperboy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperboy.json.Json;
import dev.paperboy.keys.Keys;
import dev.paperboy.keys.SecretsManagerKeySource;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.Tokens;
import dev.paperboy.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The keys secret on the local AWS: generated from the template's GenerateSecretString, read by the
 * functions' own code, and rotated as README, Operations, says (a new signing key, the same root),
 * with containers that read it before and after the rotation.
 */
class KeysSecretIT {
    private static final EmailAddress READER = EmailAddress.parse("reader@example.org");

    @Test
    void theStackGeneratesTheSecretAsTheTemplateAsksAndKeepsItWhenProvisionedAgain() throws Exception {
        TestStack stack = TestStack.provision();
        SecretsManagerClient secrets = stack.aws().clients().secretsManager();
        String value = secrets.getSecretValue(r -> r.secretId(stack.name("KeysSecret"))).secretString();

        JsonNode json = Json.MAPPER.readTree(value);
        assertEquals(List.of("root"), iterable(json.fieldNames()), "SecretStringTemplate {} with GenerateStringKey root");
        assertTrue(json.get("root").asText().matches("[A-Za-z0-9]{64}"), "PasswordLength 64, ExcludePunctuation");
        assertNotEquals(value, secrets.getSecretValue(r -> r.secretId(TestStack.provision().name("KeysSecret"))).secretString(),
                "each stack its own generated key");

        new Provisioner(stack.template(), stack.aws(), stack.parameters()).provision();
        assertEquals(value, secrets.getSecretValue(r -> r.secretId(stack.name("KeysSecret"))).secretString(), "kept: links stay valid");
    }

    @Test
    void aRotationVoidsNoLinkAlreadySentAndChangesNoSubscriberId() throws Exception {
        TestStack stack = TestStack.provision();
        SecretsManagerClient secrets = stack.aws().clients().secretsManager();
        String secretId = stack.name("KeysSecret");
        MutableClock clock = new MutableClock(Instant.parse("2025-08-29T12:00:00Z"));
        Map<String, Long> counts = new LinkedHashMap<>();

        Keys warm = Keys.load(new SecretsManagerKeySource(secrets, secretId), clock); // a container from before
        Tokens warmTokens = new Tokens(warm, clock);
        String sentBefore = warmTokens.issue(Tokens.Purpose.UNSUBSCRIBE, SubscriberId.of(warm, READER));

        rotate(secrets, secretId);
        Keys fresh = Keys.load(new SecretsManagerKeySource(secrets, secretId), clock); // a container started after
        Tokens freshTokens = new Tokens(fresh, clock);
        String sentAfter = freshTokens.issue(Tokens.Purpose.UNSUBSCRIBE, SubscriberId.of(fresh, READER));

        assertEquals(SubscriberId.of(warm, READER), SubscriberId.of(fresh, READER), "ids are table keys: the rotation keeps them");
        assertNotEquals(warm.signingKey().id(), fresh.signingKey().id());
        assertEquals(Optional.of(SubscriberId.of(warm, READER)), freshTokens.verify(Tokens.Purpose.UNSUBSCRIBE, sentBefore),
                "a link mailed before the rotation works in a new container");
        clock.advance(Keys.UNKNOWN_KEY_RETRY);
        assertTrue(warmTokens.verify(Tokens.Purpose.UNSUBSCRIBE, sentAfter).isPresent(),
                "a link signed by a new container works in an old one, which reads the secret again");
        assertEquals(fresh.signingKey().id(), warm.signingKey().id(), "and the old container now signs with the new key");
        counts.put("linksBeforeRotationAccepted", 1L);
        counts.put("linksAfterRotationAcceptedByOldContainer", 1L);

        rotate(secrets, secretId);
        Keys later = Keys.load(new SecretsManagerKeySource(secrets, secretId), clock);
        Tokens laterTokens = new Tokens(later, clock);
        boolean twoRotationsOldRefused = laterTokens.verify(Tokens.Purpose.UNSUBSCRIBE, sentBefore).isEmpty();
        boolean oneRotationOldAccepted = laterTokens.verify(Tokens.Purpose.UNSUBSCRIBE, sentAfter).isPresent();
        counts.put("rotations", 2L);
        counts.put("linkTwoRotationsOldAccepted", twoRotationsOldRefused ? 0L : 1L);
        counts.put("idsChanged", SubscriberId.of(later, READER).equals(SubscriberId.of(warm, READER)) ? 0L : 1L);
        ReliabilityReport.record(new ReliabilityReport.Row("keys-3-signing-key-rotation",
                "The link signing key rotated in the stack's Secrets Manager secret while containers run (local AWS)",
                "put-secret-value with a new signing key and the same root (README's rotation), twice; a container that read the "
                        + "secret before, one after; their links checked across",
                counts, "links sent before a rotation keep working (previous key, by key id); an old container accepts a new "
                        + "container's link after re-reading the secret (at most every 30 s per unknown key id) and signs with the new "
                        + "key from then on; subscriber ids unchanged; a link two rotations old is refused"));
        assertTrue(twoRotationsOldRefused, "two rotations old");
        assertTrue(oneRotationOldAccepted, "one rotation old");
    }

    /** What README, Operations, does with the AWS CLI: a new signing key, the root kept. */
    private static void rotate(SecretsManagerClient secrets, String secretId) throws Exception {
        ObjectNode value = (ObjectNode) Json.MAPPER.readTree(secrets.getSecretValue(r -> r.secretId(secretId)).secretString());
        value.put("signing", secrets.getRandomPassword(r -> r.passwordLength(64L).excludePunctuation(true)).randomPassword());
        secrets.putSecretValue(r -> r.secretId(secretId).secretString(value.toString()));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
