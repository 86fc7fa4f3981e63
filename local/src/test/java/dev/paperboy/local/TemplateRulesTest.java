package dev.paperboy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperboy.digest.DigestRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules of the design guide that template.yaml must keep, checked on the template itself. */
class TemplateRulesTest {
    private final Template template = Template.load(TestStack.repoRoot().resolve("template.yaml"));

    @Test
    void noPolicyAllowsEveryActionOrEveryResource() {
        List<String> broad = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            Map<String, Object> properties = Template.mapOf(resource.getOrDefault("Properties", Map.of()));
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                for (Object policy : (List<?>) properties.getOrDefault("Policies", List.of())) {
                    Map<String, Object> p = Template.mapOf(policy);
                    for (Object statement : (List<?>) p.getOrDefault("Statement", List.of())) {
                        Map<String, Object> s = Template.mapOf(statement);
                        if ("Allow".equals(s.get("Effect")) && (mentionsStar(s.get("Action")) || mentionsStar(s.get("Resource")))) {
                            broad.add(id + ": " + s);
                        }
                    }
                }
            }
        });
        assertEquals(List.of(), broad, "least privilege: name the actions and resources");
    }

    @Test
    void everyFunctionHasALogGroupWithRetention() {
        List<String> missing = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                boolean found = template.resources().values().stream()
                        .filter(r -> "AWS::Logs::LogGroup".equals(r.get("Type")))
                        .map(r -> Template.mapOf(r.get("Properties")))
                        .anyMatch(p -> p.get("LogGroupName").toString().contains("${" + id + "}") && p.containsKey("RetentionInDays"));
                if (!found) {
                    missing.add(id);
                }
            }
        });
        assertEquals(List.of(), missing);
    }

    @Test
    void bucketsAreEncryptedAndPrivate() {
        template.resources().forEach((id, resource) -> {
            if ("AWS::S3::Bucket".equals(resource.get("Type"))) {
                Map<String, Object> p = Template.mapOf(resource.get("Properties"));
                assertEquals(true, p.containsKey("BucketEncryption"), id + " has default encryption");
                Map<String, Object> block = Template.mapOf(p.get("PublicAccessBlockConfiguration"));
                assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                        block, id + " blocks public access");
            }
        });
    }

    @Test
    void everyAsynchronousPathHasADeadLetterTarget() {
        List<String> missing = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            Map<String, Object> properties = Template.mapOf(resource.getOrDefault("Properties", Map.of()));
            if ("AWS::SQS::Queue".equals(resource.get("Type")) && !id.endsWith("DeadLetterQueue") && !properties.containsKey("RedrivePolicy")) {
                missing.add(id);
            }
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                Template.mapOf(properties.getOrDefault("Events", Map.of())).forEach((name, event) -> {
                    Map<String, Object> e = Template.mapOf(event);
                    Map<String, Object> p = Template.mapOf(e.getOrDefault("Properties", Map.of()));
                    boolean ok = switch (e.get("Type").toString()) {
                        case "ScheduleV2", "Schedule" -> p.containsKey("DeadLetterConfig");
                        case "SNS" -> p.containsKey("RedrivePolicy");
                        default -> true; // SQS: the queue's redrive policy, checked above; HTTP: synchronous
                    };
                    if (!ok) {
                        missing.add(id + "." + name);
                    }
                });
            }
        });
        assertEquals(List.of(), missing);
    }

    @Test
    void everyAlarmNotifiesTheAlarmTopicAndIsOnTheDashboard() throws Exception {
        String dashboard = dashboardBody();
        List<String> missing = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            if ("AWS::CloudWatch::Alarm".equals(resource.get("Type"))) {
                Map<String, Object> p = Template.mapOf(resource.get("Properties"));
                if (!List.of(Map.of("Ref", "AlarmTopic")).equals(p.get("AlarmActions"))) {
                    missing.add(id + " does not notify AlarmTopic");
                }
                if (!dashboard.contains("\"${" + id + ".Arn}\"")) {
                    missing.add(id + " is not on the dashboard");
                }
            }
        });
        assertEquals(List.of(), missing);
    }

    @Test
    void theDashboardIsJsonAndItsMetricsAreOnesTheFunctionsEmit() throws Exception {
        // Substituted names become plain strings; what is left must be the JSON CloudWatch takes.
        JsonNode body = new ObjectMapper().readTree(dashboardBody().replaceAll("\\$\\{[^}]+}", "x"));
        List<String> unknown = new ArrayList<>();
        for (JsonNode widget : body.path("widgets")) {
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                if (metric.path(0).asText().equals("Paperboy") && !EMITTED.contains(metric.path(1).asText())) {
                    unknown.add(metric.path(1).asText());
                }
            }
        }
        assertEquals(List.of(), unknown, "a metric no function emits draws an empty graph");
        assertEquals(true, EMITTED.contains("EmptyWeekdayListing") && EMITTED.contains("DigestsSent"), "the sources were read: " + EMITTED);
    }

    /** The metric names in shared's sources: {@code count("Name"...)} and DigestSender's outcome names. */
    private static final Set<String> EMITTED = emittedMetricNames();

    private static Set<String> emittedMetricNames() {
        Pattern named = Pattern.compile("count\\(\"(\\w+)\"|case [A-Z_, ]+ -> \"(Digests\\w+)\";");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TestStack.repoRoot().resolve("shared/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = named.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private String dashboardBody() {
        Map<String, Object> p = Template.mapOf(template.resource("Dashboard").get("Properties"));
        return Template.mapOf(p.get("DashboardBody")).get("Fn::Sub").toString();
    }

    @Test
    void everyFunctionIsPublishedBehindAnAliasWithSnapStart() {
        List<String> missing = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                Map<String, Object> properties = template.functionProperties(id);
                if (properties.get("AutoPublishAlias") == null
                        || !Map.of("ApplyOn", "PublishedVersions").equals(properties.get("SnapStart"))) {
                    missing.add(id);
                }
            }
        });
        assertEquals(List.of(), missing, "cold starts restore a primed snapshot (issue 6)");
    }

    @Test
    void anAbandonedDigestClaimOutlivesItsSenderAndIsStaleByTheTimeTheQueueRedelivers() {
        long sendTimeout = ((Number) template.functionProperties("SendDigestsFunction").get("Timeout")).longValue();
        long visibility = ((Number) Template.mapOf(template.resource("DigestQueue").get("Properties")).get("VisibilityTimeout")).longValue();
        long abandoned = DigestRecords.CLAIM_ABANDONED_AFTER.toSeconds();
        assertTrue(sendTimeout < abandoned && abandoned < visibility,
                "send timeout " + sendTimeout + " s < claim abandoned after " + abandoned + " s < queue visibility " + visibility + " s");
    }

    private static boolean mentionsStar(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(TemplateRulesTest::mentionsStar);
        }
        return value instanceof String s && (s.equals("*") || s.endsWith(":*") && !s.contains("/"));
    }
}
