package dev.paperboy.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.paperboy.aws.AwsClients;
import dev.paperboy.aws.Env;
import dev.paperboy.subscriber.EmailAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The digest mailer with the client the sender is wired with, against a loopback server playing SES:
 * a request is made once, whatever happens to its answer, and a failure says whether the mail may
 * have gone out.
 */
class SesDigestMailerTest {
    private static final EmailAddress TO = EmailAddress.parse("reader@example.org");
    private static final byte[] MIME = "Subject: hi\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII);

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aLostAnswerIsNotRepeatedAndIsNotCalledRefused() {
        // The request arrives (SES may have sent the mail), then the connection closes without an answer.
        SesDigestMailer mailer = mailer(serve(exchange -> {
            exchange.getRequestBody().readAllBytes();
            throw new IllegalStateException("connection closed before the answer");
        }));

        assertThrows(SdkClientException.class, () -> mailer.send("news@example.org", TO, MIME));
        assertEquals(1, requests.get(), "a repeat could mail the digest twice");
    }

    @Test
    void aServerErrorIsNotRepeated() {
        SesDigestMailer mailer = mailer(serve(exchange -> answer(exchange, 500, "InternalFailure")));

        assertThrows(RuntimeException.class, () -> mailer.send("news@example.org", TO, MIME));
        assertEquals(1, requests.get());
    }

    @Test
    void aThrottleIsHandedToTheSenderWhichRetriesIt() {
        SesDigestMailer mailer = mailer(serve(exchange -> answer(exchange, 429, "TooManyRequestsException")));

        assertThrows(DigestMailer.Throttled.class, () -> mailer.send("news@example.org", TO, MIME));
        assertEquals(1, requests.get());
    }

    /**
     * SES's refusals in their wire shape (status, {@code x-amzn-ErrorType}, text), sorted by whom they
     * concern: the recipient (Rejected, done for the period), this mail (Declined, tried again alone),
     * or every mail (Refused, Paused, Throttled: the queue message goes back).
     */
    @ParameterizedTest(name = "{0} {1} \"{2}\" -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            400 | MessageRejected                    | Email address is not verified. The following identities failed the check in region US-EAST-1: reader@example.org | Rejected
            400 | MessageRejected                    | Email address is not verified. The following identities failed the check in region US-EAST-1: READER@example.org | Rejected
            400 | MessageRejected                    | Address blacklisted.                                                                                           | Rejected
            400 | BadRequestException                | Illegal address                                                                                                | Rejected
            400 | BadRequestException                | Local address contains illegal character                                                                       | Rejected
            400 | MessageRejected                    | Email address is not verified. The following identities failed the check in region US-EAST-1: news@example.org | Refused
            400 | MessageRejected                    | Email address is not verified. The following identities failed the check in region US-EAST-1: Paperboy <news@example.org>, reader@example.org | Refused
            400 | MessageRejected                    | Message contains a virus.                                                                                      | Declined
            400 | BadRequestException                | Message length is more than 40 MB.                                                                             | Declined
            404 | NotFoundException                  | Configuration set <paperboy> does not exist.                                                                   | Refused
            403 | AccessDeniedException              | User is not authorized to perform ses:SendRawEmail                                                             | Refused
            400 | SendingPausedException             | Sending is paused for this account.                                                                            | Paused
            400 | AccountSuspendedException          | Your account has been suspended.                                                                              | Paused
            400 | MailFromDomainNotVerifiedException | The MAIL FROM domain is not verified.                                                                          | Paused
            429 | TooManyRequestsException           | Maximum sending rate exceeded.                                                                                 | Throttled
            400 | LimitExceededException             | Daily message quota exceeded.                                                                                  | Throttled
            """)
    void aRefusalIsSortedByWhomItConcerns(int status, String errorCode, String text, String expected) {
        SesDigestMailer mailer = mailer(serve(exchange -> answer(exchange, status, errorCode, text)));

        RuntimeException refusal = assertThrows(RuntimeException.class, () -> mailer.send("Paperboy <news@example.org>", TO, MIME));

        assertEquals(expected, refusal.getClass().getSimpleName());
        assertEquals(false, refusal.getMessage().contains("reader@"), "no address in what is logged: " + refusal.getMessage());
        assertEquals(1, requests.get());
    }

    @Test
    void noConnectionMeansNothingWasSent() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SesDigestMailer mailer = mailer(closedPort);

        assertThrows(DigestMailer.Refused.class, () -> mailer.send("news@example.org", TO, MIME));
    }

    @Test
    void anAcceptedMailReturnsItsMessageId() {
        SesDigestMailer mailer = mailer(serve(exchange -> {
            byte[] body = "{\"MessageId\":\"0100-abc\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }));

        assertEquals("0100-abc", mailer.send("news@example.org", TO, MIME));
        assertEquals(1, requests.get());
    }

    private interface Handler {
        void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException;
    }

    private int serve(Handler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            handler.handle(exchange);
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String errorType) throws IOException {
        answer(exchange, status, errorType, "no");
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String errorType, String text) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = ("{\"message\":\"" + text.replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static SesDigestMailer mailer(int port) {
        SesV2Client ses = new AwsClients(new Env(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test", "AWS_ENDPOINT_URL", "http://127.0.0.1:" + port))).sesSendingOnce();
        return new SesDigestMailer(ses, Optional.empty());
    }
}
