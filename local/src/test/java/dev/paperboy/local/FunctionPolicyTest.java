package dev.paperboy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperboy.trim.CalledOperations;
import dev.paperboy.trim.CalledOperations.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FunctionPolicy and CalledOperations on a handler made for them (policyfixture.FixtureHandler). */
class FunctionPolicyTest {
    private static final String HANDLER = "dev.paperboy.local.policyfixture.FixtureHandler";

    @TempDir
    Path dir;

    @Test
    void onlyTheOperationsTheHandlerCanReachAreCalledAndPrimingIsToldApart() {
        CalledOperations.Result result = new CalledOperations(CalledOperations.from(getClass().getClassLoader()), "dev/paperboy/",
                Set.of("dev/paperboy/aws/Priming", "dev/paperboy/aws/Priming$Step")).ofHandler(HANDLER);

        assertEquals(Set.of(new Operation("dynamodb", "GetItem"), new Operation("dynamodb", "PutItem"), new Operation("dynamodb", "Query")),
                result.called(), "an uncalled method's Scan and a never-made implementation's DeleteItem are not counted");
        assertEquals(Set.of(new Operation("dynamodb", "DescribeTable")), result.primingOnly());
    }

    @Test
    void anActionTheCodeNeedsIsMissingAndOneItNeverCallsIsUnused() throws IOException {
        FunctionPolicy.Check check = check("""
                - Statement:
                    - Effect: Allow
                      Action: [dynamodb:GetItem, dynamodb:Query, dynamodb:Scan, dynamodb:DescribeTable]
                      Resource: arn:aws:dynamodb:us-east-1:1:table/t
                """);

        assertEquals(List.of("dynamodb:PutItem"), check.missing());
        assertEquals(List.of("dynamodb:DescribeTable", "dynamodb:Scan"), check.unused(), "priming's DescribeTable is not granted for it");
    }

    @Test
    void samPolicyTemplatesCountAsTheirActionsAndWildcardsOrUnknownTemplatesCannotPass() throws IOException {
        FunctionPolicy.Check check = check("""
                - DynamoDBReadPolicy:
                    TableName: t
                - SQSSendMessagePolicy:
                    QueueName: q
                - SomeOtherPolicy:
                    Name: x
                """);

        assertEquals(List.of("dynamodb:PutItem"), check.missing());
        assertEquals(List.of("dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:Scan"), check.unused());
        assertEquals(List.of("SAM policy template SomeOtherPolicy is not known here; write its statements",
                "wildcard action sqs:SendMessage*; name each action"), check.unclear());
    }

    @Test
    void exactlyTheActionsCalledPass() throws IOException {
        FunctionPolicy.Check check = check("""
                - Statement:
                    - Effect: Allow
                      Action: [dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query]
                      Resource: arn:aws:dynamodb:us-east-1:1:table/t
                """);

        assertEquals(List.of(), check.problems());
    }

    private FunctionPolicy.Check check(String policies) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                Resources:
                  Fixture:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: %s::handleRequest
                      Policies:
                %s""".formatted(HANDLER, policies.indent(8)));
        return FunctionPolicy.check(Template.load(file), "Fixture", getClass().getClassLoader());
    }
}
