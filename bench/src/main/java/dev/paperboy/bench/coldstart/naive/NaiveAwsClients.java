package dev.paperboy.bench.coldstart.naive;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The reference our clients are compared with: what most SDK v2 code does, XxxClient.create()
 * with the default HTTP client (Apache, on this reference's classpath only), the default region
 * and credentials provider chains and AWS_ENDPOINT_URL read by the SDK itself. Built once each,
 * as ours are, so that only the configuration differs.
 */
public final class NaiveAwsClients extends AwsClients {
    private DynamoDbClient dynamoDb;
    private S3Client s3;
    private SqsClient sqs;
    private SesV2Client ses;
    private SecretsManagerClient secretsManager;

    public NaiveAwsClients() {
        super(Env.system());
    }

    @Override
    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = DynamoDbClient.create();
        }
        return dynamoDb;
    }

    @Override
    public synchronized S3Client s3() {
        if (s3 == null) {
            // The one setting the local AWS needs (one host, buckets in the path), as ours has.
            s3 = System.getenv("AWS_ENDPOINT_URL") == null ? S3Client.create() : S3Client.builder().forcePathStyle(true).build();
        }
        return s3;
    }

    @Override
    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = SqsClient.create();
        }
        return sqs;
    }

    @Override
    public synchronized SesV2Client ses() {
        if (ses == null) {
            ses = SesV2Client.create();
        }
        return ses;
    }

    @Override
    public synchronized SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            secretsManager = SecretsManagerClient.create();
        }
        return secretsManager;
    }

    /** The same default client: code that does not know SendEmail's retries can repeat a mail does not have two. */
    @Override
    public SesV2Client sesSendingOnce() {
        return ses();
    }
}
