package dev.paperboy.web;

import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.digest.S3DigestArchive;
import dev.paperboy.mail.SesConfirmationMailer;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.paper.PaperCatalog;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.subscriber.SubscriberRepository;
import dev.paperboy.subscriber.Subscriptions;
import dev.paperboy.subscriber.Tokens;
import java.time.Clock;
import java.time.Duration;

/** Builds the subscriptions API from a function's environment (see template.yaml). */
public final class SubscriptionsApiWiring {
    private SubscriptionsApiWiring() {
    }

    public static SubscriptionsApi fromEnvironment(Env env, AwsClients aws, Clock clock) {
        var dynamoDb = aws.dynamoDb();
        Tokens tokens = new Tokens(env.required("TOKEN_KEY"), clock);
        var publicBaseUrl = env.optional("PUBLIC_BASE_URL");
        var mailer = new SesConfirmationMailer(aws.ses(), env.required("SENDER_ADDRESS"), env.optional("CONFIGURATION_SET"));
        Subscriptions subscriptions = new Subscriptions(new SubscriberRepository(dynamoDb, env.required("SUBSCRIBERS_TABLE")),
                tokens, mailer, clock);
        PaperCatalog catalog = new PaperCatalog(new PaperRepository(dynamoDb, env.required("PAPERS_TABLE"), clock),
                new ListingCalendar(clock), clock, Duration.ofMinutes(5), 28);
        return new SubscriptionsApi(subscriptions, catalog, new RateLimiter(20, Duration.ofSeconds(3), clock), publicBaseUrl,
                new S3DigestArchive(aws.s3(), env.required("ARCHIVE_BUCKET")));
    }
}
