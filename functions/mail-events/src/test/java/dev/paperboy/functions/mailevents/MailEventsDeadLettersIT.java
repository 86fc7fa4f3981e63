package dev.paperboy.functions.mailevents;

import static dev.paperboy.local.ReliabilityReport.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.paperboy.json.Json;
import dev.paperboy.local.LocalAws;
import dev.paperboy.local.LocalInvoker.Invocation;
import dev.paperboy.local.ReliabilityReport;
import dev.paperboy.local.ReliabilityReport.Row;
import dev.paperboy.local.Template;
import dev.paperboy.keys.Keys;
import dev.paperboy.local.TestStack;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberRepository;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Bounces and complaints that MailEventsFunction did not handle wait in MailEventsDeadLetterQueue, in
 * the two shapes AWS writes them: SNS's envelope (a delivery Lambda never accepted, by the
 * subscription's redrive policy, which needs the queue's policy) and the event as the function got it
 * (an asynchronous invocation that failed its retries, by the function's dead-letter queue). The README's
 * redrive commands are run as written, with the aws CLI and jq, against the local AWS.
 *
 * <p>What the local AWS cannot do: moto stores the queue policy but does not enforce it, does not
 * redrive an SNS delivery to Lambda that failed, and runs no Java function without Docker. So the
 * two dead letters are written as AWS writes them (the envelope by the local SNS itself, through an
 * SQS subscription), and {@code aws lambda invoke} goes to a stand-in for Lambda's Invoke API that runs
 * the packaged function in a fresh JVM, as {@code make invoke} does.
 */
class MailEventsDeadLettersIT {
    private static final Path ROOT = TestStack.repoRoot();
    private static final String REGION = "us-east-1";

    @Test
    void theReadmeRedriveHandsBothKindsOfDeadLetterBackToTheFunction() throws Exception {
        TestStack stack = TestStack.provision();
        assertEquals(REGION, stack.aws().region(), "the aws CLI's region");
        SqsClient sqs = stack.aws().clients().sqs();
        String queueUrl = stack.aws().queueUrl("MailEventsDeadLetterQueue");
        String queueArn = arn(stack, "sqs", "MailEventsDeadLetterQueue");
        String topicArn = arn(stack, "sns", "MailEventsTopic");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String bounced = "bounced-" + run + "@example.org";
        String complained = "complained-" + run + "@example.org";
        SubscriberRepository subscribers = new SubscriberRepository(stack.aws().clients().dynamoDb(), stack.name("SubscribersTable"));
        Keys keys = stack.keys();
        confirm(subscribers, keys, bounced);
        confirm(subscribers, keys, complained);
        Path work = Files.createTempDirectory("mail-events-redrive");

        // 1. A hard bounce SNS could not deliver: its envelope as the local SNS itself writes it to a queue.
        String aws = awsCli();
        String endpoint = stack.aws().endpoint().toString();
        run(work, List.of(aws, "--endpoint-url", endpoint, "sns", "create-topic", "--name", stack.name("MailEventsTopic")), Map.of());
        run(work, List.of(aws, "--endpoint-url", endpoint, "sns", "subscribe", "--topic-arn", topicArn, "--protocol", "sqs",
                "--notification-endpoint", queueArn), Map.of());
        run(work, List.of(aws, "--endpoint-url", endpoint, "sns", "publish", "--topic-arn", topicArn, "--message", sesEvent("Bounce", bounced)), Map.of());
        // 2. A complaint the function failed three times: the invocation's event, with the attributes Lambda adds.
        JsonNode sample = Json.MAPPER.readTree(ROOT.resolve("events/mail-events/ses-complaint.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) sample.path("Records").path(0).path("Sns")).put("Message", sesEvent("Complaint", complained));
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(sample.toString()).messageAttributes(Map.of(
                "RequestID", MessageAttributeValue.builder().dataType("String").stringValue(UUID.randomUUID().toString()).build(),
                "ErrorCode", MessageAttributeValue.builder().dataType("Number").stringValue("200").build(),
                "ErrorMessage", MessageAttributeValue.builder().dataType("String").stringValue("Task timed out after 30.00 seconds").build())));

        // 3. The README's commands, as written.
        List<Invocation> invocations = new ArrayList<>();
        HttpServer lambda = lambdaStandIn(stack, invocations);
        String script;
        int exit;
        try {
            Path bin = Files.createDirectories(work.resolve("bin"));
            Path wrapper = bin.resolve("aws");
            Files.writeString(wrapper, """
                    #!/usr/bin/env bash
                    # The aws CLI pointed at the local AWS; `lambda invoke` goes to the test's stand-in for Lambda's Invoke.
                    if [ "$1" = lambda ] && [ "$2" = invoke ]; then
                      shift 2
                      while [ $# -gt 0 ]; do
                        case "$1" in
                          --function-name) fn=$2; shift 2 ;;
                          --payload) payload=${2#file://}; shift 2 ;;
                          --cli-binary-format) shift 2 ;;
                          *) out=$1; shift ;;
                        esac
                      done
                      curl -fsS --data-binary @"$payload" "%s/$fn" > "$out"
                      exit
                    fi
                    exec %s --endpoint-url %s "$@"
                    """.formatted("http://127.0.0.1:" + lambda.getAddress().getPort(), aws, endpoint));
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
            script = "set -euo pipefail\n"
                    + "out() { case \"$1\" in MailEventsDeadLetterQueueUrl) echo '" + queueUrl + "' ;; "
                    + "MailEventsFunctionName) echo '" + stack.name("MailEventsFunction") + "' ;; *) exit 1 ;; esac; }\n"
                    + readmeBlock("**Mail events dead letters**");
            exit = run(work, List.of("bash", "-c", script), Map.of("PATH", bin + ":" + System.getenv("PATH")), false);
        } finally {
            lambda.stop(0);
        }

        String bouncedStatus = status(subscribers, keys, bounced);
        String complainedStatus = status(subscribers, keys, complained);
        int left = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes().values().stream().mapToInt(Integer::parseInt).sum();
        List<String> templateProblems = deadLetterProblems(stack);

        ReliabilityReport.record(new Row("failures-2-mail-event-dead-letters-redriven",
                "a bounce and a complaint the function did not handle, in MailEventsDeadLetterQueue, handed back by the README's commands",
                "one dead letter in each shape AWS writes: SNS's envelope (written by the local SNS through an SQS subscription, "
                        + "as the subscription's redrive writes it), and the event as the function got it (as Lambda's dead-letter "
                        + "queue writes a failed asynchronous invocation); then README, Operations, run with bash, the aws CLI and jq",
                counts("deadLetters", 2, "scriptExit", exit, "invocations", invocations.size(),
                        "suppressed", (bouncedStatus.equals("SUPPRESSED") ? 1 : 0) + (complainedStatus.equals("SUPPRESSED") ? 1 : 0),
                        "left", left, "templateProblems", templateProblems.size()),
                exit == 0 && left == 0 && bouncedStatus.equals("SUPPRESSED") && complainedStatus.equals("SUPPRESSED") && templateProblems.isEmpty()
                        ? "both addresses suppressed by one invocation of the packaged function and the queue emptied; the template gives "
                        + "the function's asynchronous invocations that queue as dead-letter target and lets SNS (MailEventsTopic "
                        + "only) write to it. Not run locally: SNS's and Lambda's own writing to the queue and the policy's "
                        + "enforcement (moto has neither), and Lambda's Invoke (a stand-in runs the packaged function)"
                        : "NOT HANDED BACK: bounce " + bouncedStatus + ", complaint " + complainedStatus + ", " + templateProblems));

        assertEquals(0, exit, "the README's commands ran");
        assertEquals(1, invocations.size());
        assertTrue(invocations.get(0).succeeded(), invocations.get(0).logs());
        assertEquals("SUPPRESSED", bouncedStatus, "the bounce from SNS's envelope");
        assertEquals("SUPPRESSED", complainedStatus, "the complaint from Lambda's dead letter");
        assertEquals(0, left, "handed back, then deleted");
        assertEquals(List.of(), templateProblems);
    }

    /** What keeps both kinds of dead letter: the function's dead-letter target, and SNS let in by the queue's policy. */
    static List<String> deadLetterProblems(TestStack stack) throws IOException {
        Template template = stack.template();
        List<String> problems = new ArrayList<>();
        Map<String, Object> function = template.functionProperties("MailEventsFunction");
        Map<String, Object> queueArn = Map.of("Fn::GetAtt", List.of("MailEventsDeadLetterQueue", "Arn"));
        Object dlq = function.get("DeadLetterQueue");
        Object onFailure = Template.mapOf(Template.mapOf(Template.mapOf(function.getOrDefault("EventInvokeConfig", Map.of()))
                .getOrDefault("DestinationConfig", Map.of())).getOrDefault("OnFailure", Map.of())).get("Destination");
        if (!Map.of("Type", "SQS", "TargetArn", queueArn).equals(dlq) && !queueArn.equals(onFailure)) {
            problems.add("MailEventsFunction's failed asynchronous invocations go nowhere");
        }
        boolean snsMayWrite = template.resources().values().stream()
                .filter(r -> "AWS::SQS::QueuePolicy".equals(r.get("Type")))
                .map(r -> Template.mapOf(r.get("Properties")))
                .filter(p -> ((List<?>) p.get("Queues")).contains(Map.of("Ref", "MailEventsDeadLetterQueue")))
                .flatMap(p -> ((List<?>) Template.mapOf(p.get("PolicyDocument")).get("Statement")).stream().map(Template::mapOf))
                .anyMatch(s -> "Allow".equals(s.get("Effect"))
                        && Map.of("Service", "sns.amazonaws.com").equals(s.get("Principal"))
                        && "sqs:SendMessage".equals(s.get("Action"))
                        && Map.of("ArnEquals", Map.of("aws:SourceArn", Map.of("Ref", "MailEventsTopic"))).equals(s.get("Condition")));
        if (!snsMayWrite) {
            problems.add("no queue policy lets MailEventsTopic (and only it) write to MailEventsDeadLetterQueue");
        }
        // The local AWS holds the policy as provisioned from the template (it does not enforce it).
        String stored = stack.aws().clients().sqs().getQueueAttributes(r -> r.queueUrl(stack.aws().queueUrl("MailEventsDeadLetterQueue"))
                .attributeNames(QueueAttributeName.POLICY)).attributes().getOrDefault(QueueAttributeName.POLICY, "");
        if (!stored.contains("sns.amazonaws.com") || !stored.contains(arn(stack, "sns", "MailEventsTopic"))) {
            problems.add("the local queue has no such policy: " + stored);
        }
        return problems;
    }

    /** Lambda's Invoke, locally: the payload to the packaged function, its response back. */
    private static HttpServer lambdaStandIn(TestStack stack, List<Invocation> invocations) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/", exchange -> {
            byte[] payload = exchange.getRequestBody().readAllBytes();
            String function = exchange.getRequestURI().getPath().substring(1);
            Invocation invocation = function.equals(stack.name("MailEventsFunction"))
                    ? stack.invoker().invoke("MailEventsFunction", payload, Map.of()) : null;
            byte[] answer = (invocation == null ? "{\"error\": \"no such function " + function + "\"}" : invocation.response())
                    .getBytes(StandardCharsets.UTF_8);
            if (invocation != null) {
                invocations.add(invocation);
            }
            exchange.sendResponseHeaders(invocation != null && invocation.succeeded() ? 200 : 500, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The first sh block after the paragraph that starts with {@code heading}. */
    static String readmeBlock(String heading) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int at = readme.indexOf(heading);
        assertTrue(at >= 0, "README has " + heading);
        Matcher block = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(at), "a command block follows " + heading);
        return block.group(1);
    }

    /**
     * The aws CLI `make test` installs (target/tools/awscli), else the one on the PATH, as an absolute
     * path: the README's commands run with a wrapper named `aws` first on their PATH, which calls
     * this one, and a bare "aws" there would call the wrapper itself, forever.
     */
    private static String awsCli() {
        Path installed = ROOT.resolve("target/tools/awscli/bin/aws");
        if (Files.isExecutable(installed)) {
            return installed.toString();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "aws").toAbsolutePath();
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("no aws CLI: `make ops-tools` installs it into target/tools/awscli");
    }

    private static int run(Path dir, List<String> command, Map<String, String> env) throws Exception {
        return run(dir, command, env, true);
    }

    private static int run(Path dir, List<String> command, Map<String, String> env, boolean mustSucceed) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_DEFAULT_REGION", REGION,
                "AWS_PAGER", ""));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finished: " + command);
        System.out.println(String.join(" ", command.subList(0, Math.min(4, command.size()))) + " ->\n" + output);
        if (mustSucceed) {
            assertEquals(0, process.exitValue(), command + ":\n" + output);
        }
        return process.exitValue();
    }

    private static String sesEvent(String type, String address) throws IOException {
        var event = Json.MAPPER.createObjectNode().put("eventType", type);
        var mail = event.putObject("mail").put("source", "Paperboy <papers@example.com>").put("messageId", "0100-" + type);
        mail.putArray("destination").add(address);
        if (type.equals("Bounce")) {
            var bounce = event.putObject("bounce").put("bounceType", "Permanent").put("bounceSubType", "General");
            bounce.putArray("bouncedRecipients").addObject().put("emailAddress", address);
        } else {
            var complaint = event.putObject("complaint").put("complaintFeedbackType", "abuse");
            complaint.putArray("complainedRecipients").addObject().put("emailAddress", address);
        }
        return Json.MAPPER.writeValueAsString(event);
    }

    private static void confirm(SubscriberRepository subscribers, Keys keys, String email) {
        EmailAddress address = EmailAddress.parse(email);
        Instant now = Instant.now();
        subscribers.create(new Subscriber(SubscriberId.of(keys, address), address, Subscriber.Status.CONFIRMED,
                new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, List.of(), 5, 0), now, now, Optional.of(now), 1), Optional.empty());
    }

    private static String status(SubscriberRepository subscribers, Keys keys, String email) {
        return subscribers.find(SubscriberId.of(keys, EmailAddress.parse(email))).map(s -> s.status().name()).orElse("NONE");
    }

    private static String arn(TestStack stack, String service, String logicalId) {
        return "arn:aws:" + service + ":" + stack.aws().region() + ":" + LocalAws.ACCOUNT + ":" + stack.name(logicalId);
    }
}
