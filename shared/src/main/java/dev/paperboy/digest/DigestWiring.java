package dev.paperboy.digest;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.mail.SesDigestMailer;
import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.subscriber.Links;
import dev.paperboy.subscriber.SubscriberRepository;
import dev.paperboy.subscriber.SubscriberUpdates;
import dev.paperboy.subscriber.Tokens;
import java.time.Clock;

/** Builds the digest use cases from a function's environment (see template.yaml). */
public final class DigestWiring {
    private DigestWiring() {
    }

    public static DigestPlanner planner(Env env, AwsClients aws, Metrics metrics) {
        return new DigestPlanner(new SubscriberRepository(aws.dynamoDb(), env.required("SUBSCRIBERS_TABLE")), aws.sqs(),
                env.required("DIGEST_QUEUE_URL"), metrics);
    }

    public static DigestSender sender(Env env, AwsClients aws, Clock clock, Metrics metrics) {
        return sender(env, aws, clock, mailer(env, aws), metrics);
    }

    /** The sender with the given mailer: tests wrap the real one to fail at a chosen point. */
    public static DigestSender sender(Env env, AwsClients aws, Clock clock, DigestMailer mailer, Metrics metrics) {
        var dynamoDb = aws.dynamoDb();
        String table = env.required("SUBSCRIBERS_TABLE");
        Links links = new Links(env.required("PUBLIC_BASE_URL"), new Tokens(env.required("TOKEN_KEY"), clock));
        // Reserved concurrency caps the instances, so each may use its share of the account's rate.
        double rate = (double) env.integer("MAX_SEND_RATE_PER_SECOND", 1) / Math.max(1, env.integer("SEND_CONCURRENCY", 1));
        return new DigestSender(new SubscriberRepository(dynamoDb, table),
                new PaperRepository(dynamoDb, env.required("PAPERS_TABLE"), clock),
                new DigestRecords(dynamoDb, table),
                new DigestRenderer(),
                new S3DigestArchive(aws.s3(), env.required("ARCHIVE_BUCKET")),
                mailer,
                new Pacer(rate), links, env.required("SENDER_ADDRESS"), clock, metrics);
    }

    public static DigestMailer mailer(Env env, AwsClients aws) {
        return new SesDigestMailer(aws.sesSendingOnce(), env.optional("CONFIGURATION_SET"));
    }

    public static MailEvents mailEvents(Env env, AwsClients aws, Clock clock, Metrics metrics) {
        return new MailEvents(new SubscriberUpdates(new SubscriberRepository(aws.dynamoDb(), env.required("SUBSCRIBERS_TABLE")), clock),
                metrics);
    }
}
