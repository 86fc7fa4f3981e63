package dev.paperboy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperboy.trim.CalledOperations;
import dev.paperboy.trim.CalledOperations.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
                      Resource: !GetAtt FixtureTable.Arn
                """);

        assertEquals(List.of("dynamodb:PutItem", "dynamodb:PutItem on FixtureTable"), check.missing());
        assertEquals(List.of("dynamodb:DescribeTable", "dynamodb:Scan"), check.unused(), "priming's DescribeTable is not granted for it");
    }

    @Test
    void samPolicyTemplatesCountAsTheirActionsAndWildcardsOrUnknownTemplatesCannotPass() throws IOException {
        FunctionPolicy.Check check = check("""
                - DynamoDBReadPolicy:
                    TableName: !Ref FixtureTable
                - SQSSendMessagePolicy:
                    QueueName: q
                - SomeOtherPolicy:
                    Name: x
                """);

        assertEquals(List.of("dynamodb:PutItem", "dynamodb:PutItem on FixtureTable"), check.missing());
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
                      Resource: !GetAtt FixtureTable.Arn
                """);

        assertEquals(List.of(), check.problems());
    }

    /** The actions are all there, but one is granted on the other table: the call would be denied. */
    @Test
    void anActionGrantedOnlyOnAnotherTableIsMissingOnItsOwn() throws IOException {
        FunctionPolicy.Check check = check("""
                - Statement:
                    - Effect: Allow
                      Action: [dynamodb:GetItem, dynamodb:Query]
                      Resource: !GetAtt FixtureTable.Arn
                    - Effect: Allow
                      Action: [dynamodb:GetItem, dynamodb:PutItem]
                      Resource: !GetAtt OtherTable.Arn
                """);

        assertEquals(List.of("dynamodb:PutItem on FixtureTable"), check.missing());
        assertEquals(List.of("dynamodb:GetItem on OtherTable", "dynamodb:PutItem on OtherTable"), check.unused());
    }

    private FunctionPolicy.Check check(String policies) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                Resources:
                  FixtureTable:
                    Type: AWS::DynamoDB::Table
                  OtherTable:
                    Type: AWS::DynamoDB::Table
                  Fixture:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: %s::handleRequest
                      Policies:
                %s""".formatted(HANDLER, policies.indent(8)));
        return FunctionPolicy.check(Template.load(file), "Fixture", getClass().getClassLoader(),
                Map.of("dev/paperboy/local/policyfixture/FixtureHandler", "FixtureTable"));
    }
}
