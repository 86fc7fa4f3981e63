package dev.paperboy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The keys live in a secret the stack generates, not in a parameter or an environment variable, and
 * only the functions that sign or hash may read it, that one secret only.
 */
class KeysTemplateTest {
    private static final Set<String> READERS = Set.of("SubscriptionsApiFunction", "SendDigestsFunction", "MailEventsFunction");
    private final Template template = Template.load(TestStack.repoRoot().resolve("template.yaml"));

    @Test
    void theKeysAreASecretTheStackGeneratesNotAParameter() {
        Map<String, Object> secret = template.resource("KeysSecret");
        assertEquals("AWS::SecretsManager::Secret", secret.get("Type"));
        Map<String, Object> generate = Template.mapOf(Template.mapOf(secret.get("Properties")).get("GenerateSecretString"));
        assertEquals("root", generate.get("GenerateStringKey"));
        assertTrue(((Number) generate.get("PasswordLength")).intValue() >= 32);
        assertEquals("Retain", secret.get("DeletionPolicy"), "deleting the stack must not orphan every subscriber id");
        assertTrue(template.parameters().values().stream().noneMatch(p -> Boolean.TRUE.equals(p.get("NoEcho"))), "no secret parameter");
        assertFalse(template.parameters().containsKey("TokenSigningKey"));
    }

    @Test
    void exactlyTheFunctionsThatSignOrHashReadTheSecretAndNothingElse() {
        Set<String> readers = new TreeSet<>();
        template.resources().forEach((id, resource) -> {
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> variables = Template.mapOf(Template.mapOf(template.functionProperties(id).get("Environment")).get("Variables"));
            List<Map<String, Object>> grants = secretGrants(Template.mapOf(resource.get("Properties")));
            if (variables.containsKey("KEYS_SECRET")) {
                readers.add(id);
                assertEquals(Map.of("Ref", "KeysSecret"), variables.get("KEYS_SECRET"), id);
                assertEquals(1, grants.size(), id + ": one statement for the secret");
                assertEquals("secretsmanager:GetSecretValue", grants.get(0).get("Action"), id + ": read only");
                assertEquals(Map.of("Ref", "KeysSecret"), grants.get(0).get("Resource"), id + ": that one secret");
            } else {
                assertEquals(List.of(), grants, id + " does not need the secret");
            }
            variables.keySet().forEach(name -> assertFalse(name.contains("KEY") && !name.equals("KEYS_SECRET"), id + ": a key in plain " + name));
        });
        assertEquals(new TreeSet<>(READERS), readers);
    }

    private static List<Map<String, Object>> secretGrants(Map<String, Object> properties) {
        List<Map<String, Object>> grants = new ArrayList<>();
        for (Object policy : (List<?>) properties.getOrDefault("Policies", List.of())) {
            Object statements = policy instanceof Map<?, ?> map ? map.get("Statement") : null;
            if (statements instanceof List<?> list) {
                for (Object statement : list) {
                    Map<String, Object> s = Template.mapOf(statement);
                    if (String.valueOf(s.get("Action")).contains("secretsmanager")) {
                        grants.add(s);
                    }
                }
            }
        }
        return grants;
    }
}
