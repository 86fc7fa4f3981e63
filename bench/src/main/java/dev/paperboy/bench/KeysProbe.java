package dev.paperboy.bench;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.json.Json;
import dev.paperboy.json.JsonLog;
import dev.paperboy.keys.Keys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The child JVM of {@link KeysCost}, started as Lambda starts a function's. First what every
 * function's init does anyway (Jackson, a log line, the DynamoDB client and one request: the SDK
 * core, the HTTP client, the credentials), so that what follows is the secret's own cost: the Secrets Manager client and
 * the reads of the keys secret's two versions, between {@link Probes.Begin} and {@link Probes.End} in the
 * class-load log. Then the read a SnapStart restore does (afterRestore: the classes are loaded,
 * only the two requests remain) and one more GetSecretValue alone. Nanoseconds on stderr.
 */
public final class KeysProbe {
    private KeysProbe() {
    }

    public static void main(String[] args) throws Exception {
        // Jackson and a log line, as every handler has them loaded by the time its wiring runs.
        Json.MAPPER.readTree("{\"root\": \"probe\"}");
        JsonLog.info("probe ready", Map.of("probe", "keys"));
        Env env = Env.system();
        AwsClients aws = new AwsClients(env);
        aws.dynamoDb().getItem(r -> r.tableName(env.required("SUBSCRIBERS_TABLE"))
                .key(Map.of("pk", AttributeValue.fromS("SUB#probe"), "sk", AttributeValue.fromS("PROFILE"))));
        long start = Probes.Begin.now();
        Keys keys = aws.keys();
        keys.signingKey();
        long end = Probes.End.now();

        keys.beforeCheckpoint(null);
        long restoreStart = System.nanoTime();
        keys.afterRestore(null);
        keys.signingKey();
        long restoreEnd = System.nanoTime();

        long oneStart = System.nanoTime();
        aws.secretsManager().getSecretValue(r -> r.secretId(env.required("KEYS_SECRET")));
        long oneEnd = System.nanoTime();
        System.err.println("probe-nanos " + (end - start) + " " + (restoreEnd - restoreStart) + " " + (oneEnd - oneStart));
    }
}
