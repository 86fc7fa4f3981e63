package dev.paperboy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Retention and the scanner's findings (issue 11: least privilege and retention; the scanner engineers run). */
class HardeningRulesTest {
    private static final Pattern ARCHIVE_PREFIX = Pattern.compile("^\\$\\{ArchiveBucket\\.Arn}/([a-z0-9-]+/)\\*$");
    private final Template template = Template.load(TestStack.repoRoot().resolve("template.yaml"));

    /** What a function writes to the archive must not stay for ever: each prefix it puts objects under expires. */
    @Test
    void everyPrefixTheFunctionsWriteInTheArchiveExpires() {
        TreeSet<String> written = new TreeSet<>();
        template.resources().forEach((id, resource) -> {
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                for (Object policy : (List<?>) Template.mapOf(resource.get("Properties")).getOrDefault("Policies", List.of())) {
                    for (Object statement : (List<?>) Template.mapOf(policy).getOrDefault("Statement", List.of())) {
                        Map<String, Object> s = Template.mapOf(statement);
                        if (s.get("Action").toString().contains("s3:PutObject")) {
                            Object resources = s.get("Resource");
                            for (Object one : resources instanceof List<?> list ? list : List.of(resources)) {
                                Matcher prefix = ARCHIVE_PREFIX.matcher(String.valueOf(Template.mapOf(one).get("Fn::Sub")));
                                assertTrue(prefix.matches(), id + " writes to the archive outside one prefix: " + one);
                                written.add(prefix.group(1));
                            }
                        }
                    }
                }
            }
        });
        Map<String, Object> bucket = Template.mapOf(template.resource("ArchiveBucket").get("Properties"));
        Map<String, Object> expiring = new TreeMap<>();
        for (Object rule : (List<?>) Template.mapOf(bucket.get("LifecycleConfiguration")).get("Rules")) {
            Map<String, Object> r = Template.mapOf(rule);
            if ("Enabled".equals(r.get("Status")) && r.containsKey("Prefix") && r.containsKey("ExpirationInDays")) {
                expiring.put(r.get("Prefix").toString(), r.get("ExpirationInDays"));
            }
        }
        ReliabilityReport.record(new ReliabilityReport.Row("iam-2-archive-retention",
                "Every prefix a function writes in the archive bucket expires by lifecycle; overwritten versions too",
                "none: template.yaml's PutObject grants set against the bucket's lifecycle rules",
                ReliabilityReport.counts("prefixesWritten", written.size(), "prefixesExpiring", written.stream().filter(expiring::containsKey).count()),
                "written " + written + ", expiring " + expiring + " (parameters, in days); noncurrent versions expire after 30 days"));
        TreeSet<String> kept = new TreeSet<>(written);
        kept.removeAll(expiring.keySet());
        assertEquals(new TreeSet<>(), kept, "prefixes the functions write with no expiring lifecycle rule; expiring: " + expiring);
        assertTrue(!written.isEmpty());
    }

    @Test
    void aVersionedBucketExpiresItsNoncurrentVersions() {
        template.resources().forEach((id, resource) -> {
            if ("AWS::S3::Bucket".equals(resource.get("Type"))) {
                Map<String, Object> p = Template.mapOf(resource.get("Properties"));
                Object versioning = p.get("VersioningConfiguration");
                if (versioning != null && "Enabled".equals(Template.mapOf(versioning).get("Status"))) {
                    boolean expires = ((List<?>) Template.mapOf(p.get("LifecycleConfiguration")).get("Rules")).stream()
                            .map(Template::mapOf)
                            .anyMatch(r -> "Enabled".equals(r.get("Status")) && !r.containsKey("Prefix") && r.containsKey("NoncurrentVersionExpiration"));
                    assertTrue(expires, id + " keeps every old version for ever");
                }
            }
        });
    }

    /** A suppressed finding is a decision: each says why, in one line. */
    @Test
    void everyCheckovSkipSaysWhy() {
        List<String> unexplained = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            Map<String, Object> metadata = Template.mapOf(resource.getOrDefault("Metadata", Map.of()));
            Object checkov = metadata.get("checkov");
            if (checkov != null) {
                for (Object skip : (List<?>) Template.mapOf(checkov).get("skip")) {
                    Map<String, Object> s = Template.mapOf(skip);
                    String comment = String.valueOf(s.get("comment"));
                    if (!String.valueOf(s.get("id")).matches("CKV_AWS_\\d+") || comment.isBlank() || comment.equals("null") || comment.contains("\n")) {
                        unexplained.add(id + ": " + s);
                    }
                }
            }
        });
        assertEquals(List.of(), unexplained);
    }

    /**
     * SES and CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed key
     * (its key policy cannot be changed to let them): the key that satisfies the scanner would
     * silently drop bounces and alarms.
     */
    @Test
    void noTopicIsEncryptedWithTheAwsManagedKeyThatAwsServicesCannotPublishTo() {
        template.resources().forEach((id, resource) -> {
            if ("AWS::SNS::Topic".equals(resource.get("Type"))) {
                Object key = Template.mapOf(resource.getOrDefault("Properties", Map.of())).get("KmsMasterKeyId");
                assertTrue(key == null || !key.toString().contains("alias/aws/sns"), id + " under alias/aws/sns");
            }
        });
    }

    /** `make checkov` (part of `make test`) writes target/checkov.json; it fails the build itself on a finding. */
    @Test
    void checkovFindsNothingTheTemplateDoesNotSuppress() throws IOException {
        Path results = TestStack.repoRoot().resolve("target/checkov.json");
        Assumptions.assumeTrue(Files.exists(results), "no target/checkov.json: run `make checkov` first");
        JsonNode summary = Json.MAPPER.readTree(results.toFile()).path("summary");
        ReliabilityReport.record(new ReliabilityReport.Row("iam-3-checkov",
                "checkov " + summary.path("checkov_version").asText() + " over template.yaml, as engineers run it in CI",
                "none: every CloudFormation check of the scanner; a finding fails `make test` unless the template suppresses it with its reason",
                ReliabilityReport.counts("resources", summary.path("resource_count").asLong(), "passed", summary.path("passed").asLong(),
                        "failed", summary.path("failed").asLong(), "suppressed", summary.path("skipped").asLong(),
                        "parsingErrors", summary.path("parsing_errors").asLong()),
                "no unsuppressed finding: fixed the HTTP API's access log, dead-letter queues for the scheduled functions and MailEventsFunction, archive versioning with "
                        + "noncurrent expiry; suppressed with a reason: no VPC, AWS-managed or SQS-managed keys instead of customer-managed ones "
                        + "(and none on the SNS topics SES and CloudWatch publish to), no reserved concurrency where a throttle or schedule bounds it, "
                        + "no DLQ on synchronously invoked functions, no server access log on the archive"));
        assertEquals(0, summary.path("failed").asLong(), "checkov findings: " + results);
        assertEquals(0, summary.path("parsing_errors").asLong());
        assertTrue(summary.path("passed").asLong() > 0);
    }
}
