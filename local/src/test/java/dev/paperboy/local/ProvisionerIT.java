package dev.paperboy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Against the local AWS: what the template declares is what gets created. */
class ProvisionerIT {

    @Test
    void createsTheTemplatesTablesAndBucketsAndLeavesThemAloneTheSecondTime() {
        TestStack stack = TestStack.provision();
        var clients = stack.aws().clients();

        TableDescription table = clients.dynamoDb().describeTable(r -> r.tableName(stack.name("PapersTable"))).table();
        assertEquals("pk", table.keySchema().get(0).attributeName());
        assertEquals("sk", table.keySchema().get(1).attributeName());
        TableDescription subscribers = clients.dynamoDb().describeTable(r -> r.tableName(stack.name("SubscribersTable"))).table();
        assertEquals("byDue", subscribers.globalSecondaryIndexes().get(0).indexName());
        assertEquals("expiresAt", clients.dynamoDb().describeTimeToLive(r -> r.tableName(stack.name("SubscribersTable")))
                .timeToLiveDescription().attributeName());

        String bucket = stack.name("ArchiveBucket");
        assertEquals(ServerSideEncryption.AES256, clients.s3().getBucketEncryption(r -> r.bucket(bucket))
                .serverSideEncryptionConfiguration().rules().get(0).applyServerSideEncryptionByDefault().sseAlgorithm());
        assertTrue(clients.s3().getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration().blockPublicAcls());

        List<String> again = new Provisioner(stack.template(), stack.aws(), stack.parameters()).provision();
        assertTrue(again.stream().allMatch(line -> line.endsWith("(exists)")), again.toString());
    }
}
