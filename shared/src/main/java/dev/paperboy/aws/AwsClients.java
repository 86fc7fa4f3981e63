package dev.paperboy.aws;

import dev.paperboy.keys.Keys;
import dev.paperboy.keys.SecretsManagerKeySource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds SDK clients with everything that the SDK would otherwise discover at cold start set
 * explicitly: region and credentials from the function's environment, the JDK's URLConnection HTTP
 * client (no Apache or Netty on the classpath), and AWS_ENDPOINT_URL for the local AWS.
 * Call once per container, from a handler's static scope. Each client is built once and shared:
 * the wiring and the priming hook (Priming) then warm the same instances. Not final: the bench's
 * naive reference overrides the clients with the SDK's defaults.
 */
public class AwsClients {
    private final Env env;
    private SdkHttpClient http;
    private DynamoDbClient dynamoDb;
    private S3Client s3;
    private SqsClient sqs;
    private SesV2Client ses;
    private SesV2Client sesSendingOnce;
    private SecretsManagerClient secretsManager;
    private Keys keys;

    public AwsClients(Env env) {
        this.env = env;
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = configure(DynamoDbClient.builder()).httpClient(http()).build();
        }
        return dynamoDb;
    }

    public synchronized S3Client s3() {
        if (s3 == null) {
            // A local endpoint is one host, so buckets go in the path rather than the host name.
            s3 = configure(S3Client.builder())
                    .forcePathStyle(endpoint().isPresent())
                    .httpClient(http())
                    .build();
        }
        return s3;
    }

    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = configure(SqsClient.builder()).httpClient(http()).build();
        }
        return sqs;
    }

    public synchronized SesV2Client ses() {
        if (ses == null) {
            ses = configure(SesV2Client.builder()).httpClient(http()).build();
        }
        return ses;
    }

    public synchronized SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            secretsManager = configure(SecretsManagerClient.builder()).httpClient(http()).build();
        }
        return secretsManager;
    }

    /**
     * The keys from the stack's secret (KEYS_SECRET), read on first use and shared by the function's
     * wiring and its priming, so a container reads the secret once (see Keys for how it stays fresh).
     */
    public synchronized Keys keys() {
        if (keys == null) {
            keys = Keys.load(new SecretsManagerKeySource(secretsManager(), env.required("KEYS_SECRET")), Clock.systemUTC());
        }
        return keys;
    }

    private SdkHttpClient http() {
        if (http == null) {
            http = UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(3))
                    .socketTimeout(Duration.ofSeconds(20))
                    .build();
        }
        return http;
    }

    /**
     * SES for the digests: the SDK never repeats a request. SendEmail is not idempotent, and a request
     * whose answer was lost (a dropped connection, a timeout, a 5xx) may have been sent: a repeat would
     * mail the digest twice. The sender retries what it knows was not sent (throttling) itself.
     */
    public synchronized SesV2Client sesSendingOnce() {
        if (sesSendingOnce == null) {
            sesSendingOnce = configure(SesV2Client.builder()).httpClient(http())
                    .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                    .build();
        }
        return sesSendingOnce;
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(env.required("AWS_REGION")))
                .credentialsProvider(credentials());
        endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    /**
     * Lambda puts the function role's credentials in the environment; a SnapStart-restored
     * function gets them from the container endpoint instead.
     */
    private AwsCredentialsProvider credentials() {
        return env.optional("AWS_ACCESS_KEY_ID")
                .<AwsCredentialsProvider>map(key -> StaticCredentialsProvider.create(env.optional("AWS_SESSION_TOKEN")
                        .<AwsCredentials>map(token -> AwsSessionCredentials.create(key, env.required("AWS_SECRET_ACCESS_KEY"), token))
                        .orElseGet(() -> AwsBasicCredentials.create(key, env.required("AWS_SECRET_ACCESS_KEY")))))
                .orElseGet(ContainerCredentialsProvider::create);
    }

    private java.util.Optional<URI> endpoint() {
        return env.optional("AWS_ENDPOINT_URL").map(URI::create);
    }
}
