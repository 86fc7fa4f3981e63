package dev.paperboy.local;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.keys.Keys;
import dev.paperboy.keys.SecretsManagerKeySource;

/**
 * Where the local AWS is and what things are called there. A resource's local name is a prefix
 * and its logical id in kebab case ({@code PapersTable} becomes {@code paperboy-local-papers-table});
 * tests pick their own prefix so that they never share state.
 */
public record LocalAws(URI endpoint, String region, String prefix) {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";

    public static LocalAws fromEnvironment() {
        return fromEnvironment("paperboy-local-");
    }

    public static LocalAws fromEnvironment(String prefix) {
        String endpoint = System.getenv().getOrDefault("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        return new LocalAws(URI.create(endpoint), REGION, prefix);
    }

    public String physicalName(String logicalId) {
        return prefix + logicalId.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The URL the local SQS gives a queue of this template's. */
    public String queueUrl(String logicalId) {
        return endpoint.toString().replaceAll("/+$", "") + "/" + ACCOUNT + "/" + physicalName(logicalId);
    }

    /** What a function gets from Lambda itself, pointed at the local AWS. */
    public Map<String, String> lambdaEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_SESSION_TOKEN", "local");
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        return env;
    }

    /** The keys from this stack's provisioned secret (the template's KeysSecret), as a function reads them. */
    public Keys keys() {
        return Keys.load(new SecretsManagerKeySource(clients().secretsManager(), physicalName("KeysSecret")), java.time.Clock.systemUTC());
    }

    /** SDK clients for the local tools themselves, built the way the functions build theirs. */
    public AwsClients clients() {
        return new AwsClients(new Env(lambdaEnvironment()));
    }
}
