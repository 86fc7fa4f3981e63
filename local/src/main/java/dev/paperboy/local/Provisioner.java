package dev.paperboy.local;

import dev.paperboy.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates the template's data resources on the local AWS: tables with their keys, indexes and
 * TTL; buckets with their encryption and public access block; SES sending identities. Safe to run again: what exists
 * is left as it is. Functions are not created; `make invoke` runs them from their build output.
 */
public final class Provisioner {
    private final Template template;
    private final LocalAws aws;
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;

    private final SesV2Client ses;
    private final SqsClient sqs;
    private final References references;

    public Provisioner(Template template, LocalAws aws, Map<String, String> parameters) {
        this.template = template;
        this.aws = aws;
        this.dynamoDb = aws.clients().dynamoDb();
        this.s3 = aws.clients().s3();
        this.ses = aws.clients().ses();
        this.sqs = aws.clients().sqs();
        this.references = new References(template, aws, parameters);
    }

    /** Returns one line per resource: what it is called locally and whether it was created. */
    public List<String> provision() {
        List<String> lines = new ArrayList<>();
        Map<String, Map<String, Object>> queuePolicies = new java.util.LinkedHashMap<>();
        template.resources().forEach((logicalId, resource) -> {
            Map<String, Object> properties = Template.mapOf(resource.getOrDefault("Properties", Map.of()));
            String name = aws.physicalName(logicalId);
            switch (resource.get("Type").toString()) {
                case "AWS::DynamoDB::Table" -> lines.add(logicalId + " -> table " + name + (createTable(name, properties) ? " (created)" : " (exists)"));
                case "AWS::S3::Bucket" -> lines.add(logicalId + " -> bucket " + name + (createBucket(name, properties) ? " (created)" : " (exists)"));
                case "AWS::SQS::Queue" -> lines.add(logicalId + " -> queue " + name + (createQueue(name, properties) ? " (created)" : " (exists)"));
                case "AWS::SES::ConfigurationSet" -> lines.add(logicalId + " -> SES configuration set " + name
                        + (createConfigurationSet(name) ? " (created)" : " (exists)"));
                case "AWS::SES::EmailIdentity" -> {
                    String identity = references.resolve(properties.get("EmailIdentity"));
                    lines.add(logicalId + " -> SES identity " + identity + (createIdentity(identity) ? " (created)" : " (exists)"));
                }
                // Applied once every queue exists.
                case "AWS::SQS::QueuePolicy" -> queuePolicies.put(logicalId, properties);
                default -> {
                    // Functions, schedules, topics, IAM policies and alarms have no local counterpart to create.
                }
            }
        });
        queuePolicies.forEach((logicalId, properties) -> {
            var policy = Json.MAPPER.valueToTree(resolveAll(properties.get("PolicyDocument")));
            for (Object queue : (List<?>) properties.get("Queues")) {
                String url = references.resolve(queue);
                String current = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.POLICY))
                        .attributes().getOrDefault(QueueAttributeName.POLICY, "{}");
                boolean same;
                try {
                    same = Json.MAPPER.readTree(current).equals(policy);
                } catch (java.io.IOException e) {
                    same = false;
                }
                if (!same) {
                    sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY, policy.toString())));
                }
                lines.add(logicalId + " -> policy of queue " + url.substring(url.lastIndexOf('/') + 1) + (same ? " (exists)" : " (created)"));
            }
        });
        return lines;
    }

    /** A policy document with its intrinsic functions resolved; the local AWS stores it, as SQS does. */
    private Object resolveAll(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(this::resolveAll).toList();
        }
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.keySet().iterator().next().toString().matches("Ref|Fn::\\w+")) {
                return references.resolve(map);
            }
            Map<String, Object> resolved = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> resolved.put(k.toString(), resolveAll(v)));
            return resolved;
        }
        return value;
    }

    private boolean createTable(String name, Map<String, Object> properties) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Provisioner.<Map<String, Object>>list(properties.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder().attributeName(str(a, "AttributeName"))
                                .attributeType(str(a, "AttributeType")).build()).toList())
                .keySchema(keySchema(properties.get("KeySchema")));
        List<Map<String, Object>> indexes = list(properties.getOrDefault("GlobalSecondaryIndexes", List.of()));
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes.stream().map(index -> {
                Map<String, Object> projection = Template.mapOf(index.get("Projection"));
                return GlobalSecondaryIndex.builder()
                        .indexName(str(index, "IndexName"))
                        .keySchema(keySchema(index.get("KeySchema")))
                        .projection(Projection.builder()
                                .projectionType(str(projection, "ProjectionType"))
                                .nonKeyAttributes(Provisioner.<String>list(projection.getOrDefault("NonKeyAttributes", List.of())))
                                .build())
                        .build();
            }).toList());
        }
        try {
            dynamoDb.createTable(request.build());
        } catch (ResourceInUseException exists) {
            return false;
        }
        Object ttl = properties.get("TimeToLiveSpecification");
        if (ttl != null && Boolean.parseBoolean(String.valueOf(Template.mapOf(ttl).get("Enabled")))) {
            String attribute = str(Template.mapOf(ttl), "AttributeName");
            dynamoDb.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(t -> t.enabled(true).attributeName(attribute)));
        }
        return true;
    }

    private boolean createBucket(String name, Map<String, Object> properties) {
        // Creating a bucket you own again succeeds silently in us-east-1, so ask first.
        try {
            s3.headBucket(r -> r.bucket(name));
            return false;
        } catch (NoSuchBucketException absent) {
            s3.createBucket(r -> r.bucket(name));
        }
        if (properties.containsKey("BucketEncryption")) {
            s3.putBucketEncryption(r -> r.bucket(name).serverSideEncryptionConfiguration(c -> c.rules(rule -> rule
                    .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
        }
        Object block = properties.get("PublicAccessBlockConfiguration");
        if (block != null) {
            Map<String, Object> b = Template.mapOf(block);
            s3.putPublicAccessBlock(r -> r.bucket(name).publicAccessBlockConfiguration(c -> c
                    .blockPublicAcls(flag(b, "BlockPublicAcls")).blockPublicPolicy(flag(b, "BlockPublicPolicy"))
                    .ignorePublicAcls(flag(b, "IgnorePublicAcls")).restrictPublicBuckets(flag(b, "RestrictPublicBuckets"))));
        }
        return true;
    }

    private boolean createQueue(String name, Map<String, Object> properties) {
        try {
            sqs.getQueueUrl(r -> r.queueName(name));
            return false;
        } catch (QueueDoesNotExistException absent) {
            Map<QueueAttributeName, String> attributes = new java.util.HashMap<>();
            Object visibility = properties.get("VisibilityTimeout");
            if (visibility != null) {
                attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, references.resolve(visibility));
            }
            Object redrive = properties.get("RedrivePolicy");
            if (redrive != null) {
                Map<String, Object> policy = Template.mapOf(redrive);
                attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + references.resolve(policy.get("deadLetterTargetArn"))
                        + "\",\"maxReceiveCount\":" + references.resolve(policy.get("maxReceiveCount")) + "}");
            }
            sqs.createQueue(r -> r.queueName(name).attributes(attributes));
            return true;
        }
    }

    /** Listed rather than fetched: the local SES answers GetConfigurationSet in a shape the SDK cannot read. */
    private boolean createConfigurationSet(String name) {
        if (ses.listConfigurationSetsPaginator(r -> r.pageSize(100)).stream().anyMatch(page -> page.configurationSets().contains(name))) {
            return false;
        }
        ses.createConfigurationSet(r -> r.configurationSetName(name));
        return true;
    }

    /** The local SES treats an identity as verified once it exists, so mail from it is accepted. */
    private boolean createIdentity(String identity) {
        try {
            ses.getEmailIdentity(r -> r.emailIdentity(identity));
            return false;
        } catch (NotFoundException absent) {
            ses.createEmailIdentity(r -> r.emailIdentity(identity));
            return true;
        }
    }

    private static List<KeySchemaElement> keySchema(Object schema) {
        return Provisioner.<Map<String, Object>>list(schema).stream()
                .map(k -> KeySchemaElement.builder().attributeName(str(k, "AttributeName")).keyType(str(k, "KeyType")).build())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        if (value instanceof List<?> list) {
            return (List<T>) list;
        }
        throw new IllegalArgumentException("expected a list in template.yaml, got " + value);
    }

    private static String str(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("template.yaml: missing " + key + " in " + map);
        }
        return value.toString();
    }

    private static boolean flag(Map<String, Object> map, String key) {
        return Boolean.parseBoolean(String.valueOf(map.get(key)));
    }
}
