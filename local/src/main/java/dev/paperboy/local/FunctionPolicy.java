package dev.paperboy.local;

import dev.paperboy.trim.CalledOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A function's IAM actions in template.yaml set against the AWS operations its handler can call
 * (sdk-trim's {@link CalledOperations}, from the compiled code): an action the code needs and the
 * policy lacks is missing, one the policy allows and the function's work never calls is unused.
 * DynamoDB actions are also checked table by table: the class that makes the call stands for its
 * table ({@link #TABLE_OF}), so GetItem granted on one table does not pass for a GetItem on another.
 * Operations only SnapStart priming calls are not granted for it: priming runs read-only calls that
 * may be denied (an AccessDenied answer has warmed the request path all the same).
 * <p>
 * The list of operations comes from the code, so a change that calls a new operation (or stops
 * calling one) fails its function's test until the template says the same. What is written here
 * by hand is only IAM's naming, where it differs from the SDK's operation names.
 */
public final class FunctionPolicy {
    /** Where IAM's action differs from "service:Operation" (the SDK's service package as IAM's prefix otherwise). */
    private static final Map<String, String> ACTION_OF = Map.of(
            "s3:ListObjectsV2", "s3:ListBucket",
            "s3:HeadObject", "s3:GetObject",
            "s3:HeadBucket", "s3:ListBucket",
            "sqs:SendMessageBatch", "sqs:SendMessage",
            "sqs:DeleteMessageBatch", "sqs:DeleteMessage",
            "sqs:ChangeMessageVisibilityBatch", "sqs:ChangeMessageVisibility");
    private static final Map<String, String> PREFIX_OF = Map.of("sesv2", "ses");
    /** SES v2 SendEmail with raw content (a MIME message we build) is also authorised as ses:SendRawEmail. */
    private static final String RAW_CONTENT = "software/amazon/awssdk/services/sesv2/model/EmailContent$Builder";

    /**
     * The class that knows a table's items (one class per item shape, as the design guide has it),
     * and that table: a DynamoDB call is checked against the statements naming its table.
     */
    private static final Map<String, String> TABLE_OF = Map.of(
            "dev/paperboy/paper/PaperRepository", "PapersTable",
            "dev/paperboy/paper/DynamoDbPapersTable", "PapersTable",
            "dev/paperboy/subscriber/SubscriberRepository", "SubscribersTable",
            "dev/paperboy/digest/DigestRecords", "SubscribersTable",
            "dev/paperboy/subscriber/ConfirmationLimitsTable", "SubscribersTable");

    /** SAM policy templates, by the actions SAM's policy_templates.json gives them. */
    private static final Map<String, List<String>> SAM_TEMPLATES = Map.of(
            "DynamoDBReadPolicy", List.of("dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DescribeTable"),
            "DynamoDBCrudPolicy", List.of("dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:Query",
                    "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"),
            "SQSSendMessagePolicy", List.of("sqs:SendMessage*"),
            "AWSSecretsManagerGetSecretValuePolicy", List.of("secretsmanager:GetSecretValue"));

    /**
     * @param allowed   the actions the template allows the function
     * @param required  the IAM actions of the operations its work calls
     * @param tolerated the IAM actions of the operations only its priming calls
     * @param missing   required, not allowed
     * @param unused    allowed, not called by the function's work
     * @param unclear   what cannot be compared: wildcards, managed policies, unknown SAM templates
     */
    public record Check(String function, String handler, SortedSet<String> allowed, SortedSet<String> required, SortedSet<String> tolerated,
                        List<String> missing, List<String> unused, List<String> unclear) {
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            missing.forEach(action -> problems.add(function + " calls " + action + " but its policy does not allow it"));
            unused.forEach(action -> problems.add(function + " allows " + action + " but no code path of " + handler + " calls it"
                    + (tolerated.contains(action) ? " (only its priming does, which may be denied)" : "")));
            unclear.forEach(problem -> problems.add(function + ": " + problem));
            return problems;
        }

        /** The reliability row: what was compared and what held (ReliabilityReport writes it to docs/reliability.md). */
        public ReliabilityReport.Row row() {
            return new ReliabilityReport.Row("iam-1-policy-" + function,
                    function + "'s IAM actions against the AWS operations its handler can reach",
                    "none: template.yaml's policy set against the operations found in the compiled code (sdk-trim's CalledOperations: from "
                            + handler.substring(handler.lastIndexOf('.') + 1) + ", method by method, priming told apart)",
                    ReliabilityReport.counts("allowed", allowed.size(), "calledByWork", required.size(), "calledOnlyByPriming", tolerated.size(),
                            "missing", missing.size(), "unused", unused.size(), "unclear", unclear.size()),
                    problems().isEmpty()
                            ? "allows exactly " + String.join(", ", allowed) + (tolerated.isEmpty() ? "" : "; priming alone also calls "
                            + String.join(", ", tolerated) + ", which the role denies")
                            : String.join("; ", problems()));
        }

        @Override
        public String toString() {
            return function + " (" + handler + "): allows " + allowed + "; its work calls " + required + "; its priming alone calls " + tolerated;
        }
    }

    private FunctionPolicy() {
    }

    /** Compares one function's policy with its handler, whose classes {@code loader} finds. */
    public static Check check(Template template, String functionId, ClassLoader loader) {
        return check(template, functionId, loader, TABLE_OF);
    }

    /**
     * A function module's own policy test: the checkout's template against the handler that the
     * module's class path (its zip's) holds; the row goes to the reliability report.
     */
    public static Check checkRecorded(String functionId, ClassLoader loader) {
        Check check = check(Template.load(TestStack.repoRoot().resolve("template.yaml")), functionId, loader);
        ReliabilityReport.record(check.row());
        return check;
    }

    /** @param tableOf the table each item class reads and writes (internal class name to the table's logical id) */
    static Check check(Template template, String functionId, ClassLoader loader, Map<String, String> tableOf) {
        Map<String, Object> properties = Template.mapOf(template.resource(functionId).get("Properties"));
        String handler = properties.get("Handler").toString().split("::")[0];
        CalledOperations.Result calls = new CalledOperations(CalledOperations.from(loader), "dev/paperboy/",
                Set.of("dev/paperboy/aws/Priming", "dev/paperboy/aws/Priming$Step")).ofHandler(handler);
        SortedSet<String> required = actions(calls.called(), calls);
        SortedSet<String> tolerated = actions(calls.primingOnly(), calls);
        tolerated.removeAll(required);

        SortedSet<String> allowed = new TreeSet<>();
        SortedSet<String> allowedOnTables = new TreeSet<>();
        List<String> unclear = new ArrayList<>();
        Set<String> tables = new TreeSet<>();
        template.resources().forEach((id, resource) -> {
            if ("AWS::DynamoDB::Table".equals(resource.get("Type"))) {
                tables.add(id);
            }
        });
        for (Object policy : (List<?>) properties.getOrDefault("Policies", List.of())) {
            if (!(policy instanceof Map<?, ?> map)) {
                unclear.add("managed policy " + policy + " cannot be compared; write its statements");
                continue;
            }
            Map<String, Object> p = Template.mapOf(map);
            if (p.containsKey("Statement")) {
                for (Object statement : (List<?>) p.get("Statement")) {
                    Map<String, Object> s = Template.mapOf(statement);
                    if ("Allow".equals(s.get("Effect"))) {
                        Object action = s.get("Action");
                        for (Object one : action instanceof List<?> list ? list : List.of(action)) {
                            allowed.add(one.toString());
                            tables.stream().filter(table -> s.get("Resource").toString().contains(table))
                                    .forEach(table -> allowedOnTables.add(one + " on " + table));
                        }
                    }
                }
            } else {
                for (String name : p.keySet()) {
                    List<String> actions = SAM_TEMPLATES.get(name);
                    if (actions == null) {
                        unclear.add("SAM policy template " + name + " is not known here; write its statements");
                    } else {
                        allowed.addAll(actions);
                        tables.stream().filter(table -> p.get(name).toString().contains(table))
                                .forEach(table -> actions.forEach(action -> allowedOnTables.add(action + " on " + table)));
                    }
                }
            }
        }
        allowed.stream().filter(action -> action.contains("*")).forEach(action -> unclear.add("wildcard action " + action + "; name each action"));

        SortedSet<String> requiredOnTables = new TreeSet<>();
        calls.callers().forEach((operation, callers) -> {
            if (operation.service().equals("dynamodb")) {
                for (String caller : callers) {
                    String owner = caller.split("\\$")[0];
                    String table = tableOf.get(owner);
                    if (table == null) {
                        unclear.add(owner + " calls dynamodb:" + operation.name() + ", and FunctionPolicy does not know its table (TABLE_OF)");
                    } else {
                        requiredOnTables.add("dynamodb:" + operation.name() + " on " + table);
                    }
                }
            }
        });
        List<String> missing = new ArrayList<>(required.stream().filter(action -> !allowed.contains(action)).toList());
        requiredOnTables.stream().filter(pair -> !allowedOnTables.contains(pair)).forEach(missing::add);
        List<String> unused = new ArrayList<>(allowed.stream()
                .filter(action -> !action.contains("*") && !required.contains(action)).toList());
        allowedOnTables.stream().filter(pair -> !requiredOnTables.contains(pair) && required.contains(pair.split(" ")[0])).forEach(unused::add);
        return new Check(functionId, handler, allowed, required, tolerated, missing, unused, unclear);
    }

    private static SortedSet<String> actions(Set<CalledOperations.Operation> operations, CalledOperations.Result calls) {
        SortedSet<String> actions = new TreeSet<>();
        for (CalledOperations.Operation operation : operations) {
            String action = PREFIX_OF.getOrDefault(operation.service(), operation.service()) + ":" + operation.name();
            actions.add(ACTION_OF.getOrDefault(operation.service() + ":" + operation.name(), action));
            if (operation.service().equals("sesv2") && operation.name().equals("SendEmail") && calls.calls(RAW_CONTENT, "raw")) {
                actions.add("ses:SendRawEmail");
            }
        }
        return actions;
    }
}
