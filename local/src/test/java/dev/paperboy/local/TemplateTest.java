package dev.paperboy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private final Template template = Template.load(TestStack.repoRoot().resolve("template.yaml"));
    private final LocalAws aws = new LocalAws(URI.create("http://127.0.0.1:4566"), "us-east-1", "pb-");

    @Test
    void readsShortFormIntrinsicsAsLongForms() {
        Map<String, Object> function = template.functionProperties("FetchPapersFunction");
        Map<String, Object> variables = Template.mapOf(Template.mapOf(function.get("Environment")).get("Variables"));

        assertEquals(Map.of("Ref", "PapersTable"), variables.get("PAPERS_TABLE"));
        assertEquals(Map.of("Ref", "HuggingFaceApiUrl"), variables.get("HF_API_URL"));
    }

    @Test
    void aFunctionGetsTheGlobalsUnderItsOwnProperties() {
        Map<String, Object> function = template.functionProperties("FetchPapersFunction");

        assertEquals("java21", function.get("Runtime"));
        assertEquals(600, function.get("Timeout"), "the function's own timeout wins over the global one");
    }

    @Test
    void resolvesTheEnvironmentAgainstTheLocalAws() {
        Map<String, String> env = new LocalInvoker(TestStack.repoRoot(), template, aws, Map.of())
                .environment("FetchPapersFunction", Map.of("HF_API_URL", "http://127.0.0.1:9999"));

        assertEquals("pb-papers-table", env.get("PAPERS_TABLE"));
        assertEquals("pb-archive-bucket", env.get("ARCHIVE_BUCKET"));
        assertEquals("http://127.0.0.1:9999", env.get("HF_API_URL"));
        assertEquals("http://127.0.0.1:4566", env.get("AWS_ENDPOINT_URL"));
        assertEquals("us-east-1", env.get("AWS_REGION"));
    }

    @Test
    void parameterDefaultsAndOverridesResolve() {
        References refs = new References(template, aws, Map.of("LogRetentionDays", "7"));

        assertEquals("https://huggingface.co", refs.ref("HuggingFaceApiUrl"));
        assertEquals("7", refs.ref("LogRetentionDays"));
        assertEquals("arn:aws:s3:::pb-archive-bucket/raw/*", refs.resolve(Map.of("Fn::Sub", "${ArchiveBucket.Arn}/raw/*")));
    }

    @Test
    void deployedTheFunctionsRunOnArm64AndGetNoLocalEndpoint() {
        Map<String, Object> function = template.functionProperties("SendDigestsFunction");
        Object endpoint = Template.mapOf(Template.mapOf(function.get("Environment")).get("Variables")).get("AWS_ENDPOINT_URL");
        References deployed = new References(template, aws, Map.of());

        assertEquals("arm64", deployed.resolve(((java.util.List<?>) function.get("Architectures")).get(0)));
        assertEquals(null, deployed.resolve(endpoint), "AWS::NoValue: the variable does not exist when deployed");
        assertEquals("http://moto:5000", new References(template, aws, Map.of("LocalAwsEndpoint", "http://moto:5000")).resolve(endpoint),
                "sam local passes the local AWS's address on its network");
    }

    @Test
    void localNamesAreKebabCaseUnderThePrefix() {
        assertEquals("pb-papers-table", aws.physicalName("PapersTable"));
        assertEquals("pb-dlq2-queue", aws.physicalName("Dlq2Queue"));
    }

    @Test
    void namingAResourceTheTemplateLacksIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> template.functionProperties("NoSuchFunction"));
        assertTrue(e.getMessage().startsWith("template.yaml has no resource NoSuchFunction"), e.getMessage());
    }
}
