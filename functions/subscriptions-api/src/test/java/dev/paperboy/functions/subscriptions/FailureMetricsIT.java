package dev.paperboy.functions.subscriptions;

import static dev.paperboy.local.ReliabilityReport.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.local.EmfLines;
import dev.paperboy.local.FaultProxy;
import dev.paperboy.local.FaultProxy.Fault;
import dev.paperboy.local.LocalInvoker.Invocation;
import dev.paperboy.local.ReliabilityReport;
import dev.paperboy.local.ReliabilityReport.Row;
import dev.paperboy.local.Template;
import dev.paperboy.local.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Failures of the API that answer a user politely must still reach the operator: a 5xx answer and a
 * confirmation mail SES refuses are counted by the packaged function (EMF lines in its log, as
 * CloudWatch reads them), and the template alarms on exactly those metrics, and on the HTTP API's
 * own 5xx, to the alarm topic.
 */
class FailureMetricsIT {
    private static final Path EVENTS = TestStack.repoRoot().resolve("events/subscriptions-api");

    @Test
    void aServerErrorAndARefusedConfirmationMailAreCountedAndAlarmed() throws Exception {
        TestStack stack = TestStack.provision();
        try (FaultProxy proxy = FaultProxy.start(stack.aws().endpoint(), 11)) {
            Map<String, String> throughProxy = Map.of("AWS_ENDPOINT_URL", proxy.endpoint().toString());
            // DynamoDB fails every read of the page (after the SDK's retries): the page answers 500.
            proxy.inject(Fault.of("dynamodb-down", FaultProxy.dynamoDb(), 1.0, FaultProxy.internalError()));
            Invocation page = stack.invoker().invoke("SubscriptionsApiFunction", Files.readAllBytes(EVENTS.resolve("get-page.json")), throughProxy);
            proxy.clear();
            // SES refuses the confirmation mail: the visitor gets the usual answer (nothing to learn from it).
            proxy.inject(Fault.of("ses-refuses", FaultProxy.sesSendEmail(), 1.0,
                    FaultProxy.sesError(400, "MessageRejected", "Address blacklisted.")));
            Invocation subscribe = stack.invoker().invoke("SubscriptionsApiFunction",
                    Files.readAllBytes(EVENTS.resolve("post-subscribe.json")), throughProxy);

            int pageStatus = status(page);
            int subscribeStatus = status(subscribe);
            Map<String, Long> pageMetrics = EmfLines.totals(page.logs());
            Map<String, Long> subscribeMetrics = EmfLines.totals(subscribe.logs());
            String functionName = stack.name("SubscriptionsApiFunction");
            List<String> alarmProblems = alarmProblems(stack.template());

            ReliabilityReport.record(new Row("failures-1-api-failures-counted-and-alarmed",
                    "the API answers 500 (DynamoDB down), and SES refuses a confirmation mail (the visitor still gets the usual page)",
                    "the packaged function in a fresh JVM: every DynamoDB call answers 500 InternalFailure for GET /; "
                            + "SES v2 SendEmail answers 400 MessageRejected for POST /subscribe",
                    counts("pageStatus", pageStatus, "apiServerErrors", pageMetrics.getOrDefault("ApiServerErrors", 0L),
                            "subscribeStatus", subscribeStatus,
                            "confirmationMailsRefused", subscribeMetrics.getOrDefault("ConfirmationMailsRefused", 0L),
                            "sesCalls", proxy.matched("ses-refuses"), "alarmProblems", alarmProblems.size()),
                    pageMetrics.getOrDefault("ApiServerErrors", 0L) == 1 && subscribeMetrics.getOrDefault("ConfirmationMailsRefused", 0L) == 1
                            && alarmProblems.isEmpty()
                            ? "both were counted in the function's EMF log line (namespace Paperboy, dimension Function), and "
                            + "ApiServerErrorsAlarm, ConfirmationMailsRefusedAlarm and HttpApi5xxAlarm watch exactly those metrics "
                            + "and the HTTP API's own 5xx, notifying AlarmTopic"
                            : "NOT COUNTED OR NOT ALARMED: " + alarmProblems));

            assertEquals(500, pageStatus, page.response());
            assertEquals(Map.of("ApiServerErrors", 1L), pageMetrics, page.logs());
            assertEquals(200, subscribeStatus, subscribe.response());
            assertEquals(1, proxy.matched("ses-refuses"));
            assertEquals(1L, subscribeMetrics.getOrDefault("ConfirmationMailsRefused", 0L), subscribe.logs());
            assertTrue(emfLinesName(page.logs(), functionName), "the metric's dimension is the function the alarm names");
            assertEquals(List.of(), alarmProblems);
        }
    }

    /** What the alarms must watch for these failures to reach someone. */
    static List<String> alarmProblems(Template template) {
        List<String> problems = new ArrayList<>();
        expectAlarm(template, "ApiServerErrorsAlarm", "Paperboy", "ApiServerErrors", Map.of("Name", "Function", "Value", Map.of("Ref", "SubscriptionsApiFunction")), problems);
        expectAlarm(template, "ConfirmationMailsRefusedAlarm", "Paperboy", "ConfirmationMailsRefused",
                Map.of("Name", "Function", "Value", Map.of("Ref", "SubscriptionsApiFunction")), problems);
        // HTTP APIs publish 5xx (not 5XXError, the REST APIs' name) with the dimension ApiId.
        expectAlarm(template, "HttpApi5xxAlarm", "AWS/ApiGateway", "5xx", Map.of("Name", "ApiId", "Value", Map.of("Ref", "HttpApi")), problems);
        return problems;
    }

    private static void expectAlarm(Template template, String id, String namespace, String metric, Map<String, Object> dimension,
                                    List<String> problems) {
        if (!template.resources().containsKey(id)) {
            problems.add(id + " is missing");
            return;
        }
        Map<String, Object> p = Template.mapOf(template.resource(id).get("Properties"));
        if (!namespace.equals(p.get("Namespace")) || !metric.equals(p.get("MetricName"))) {
            problems.add(id + " watches " + p.get("Namespace") + "/" + p.get("MetricName"));
        }
        if (!List.of(dimension).equals(p.get("Dimensions"))) {
            problems.add(id + " has dimensions " + p.get("Dimensions"));
        }
        if (!List.of(Map.of("Ref", "AlarmTopic")).equals(p.get("AlarmActions"))) {
            problems.add(id + " does not notify AlarmTopic");
        }
        if (!"Sum".equals(p.get("Statistic")) || ((Number) p.get("Threshold")).doubleValue() != 0
                || !"GreaterThanThreshold".equals(p.get("ComparisonOperator"))) {
            problems.add(id + " does not fire on the first one");
        }
    }

    private static boolean emfLinesName(String logs, String functionName) {
        return logs.lines().filter(l -> l.startsWith("{") && l.contains("\"_aws\"")).allMatch(line -> {
            try {
                JsonNode node = Json.MAPPER.readTree(line);
                return functionName.equals(node.path("Function").asText())
                        && "Paperboy".equals(node.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText());
            } catch (Exception e) {
                return false;
            }
        }) && logs.contains("\"_aws\"");
    }

    private static int status(Invocation invocation) throws Exception {
        assertTrue(invocation.succeeded(), invocation.logs());
        return Json.MAPPER.readTree(invocation.response()).path("statusCode").asInt();
    }
}
