package dev.paperboy.functions.plandigests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperboy.local.FunctionPolicy;
import dev.paperboy.local.Template;
import dev.paperboy.local.TestStack;
import dev.paperboy.subscriber.SubscriberItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Least privilege, checked against the code: this module's class path is its zip's. */
class PlanDigestsPolicyTest {
    private final Template template = Template.load(TestStack.repoRoot().resolve("template.yaml"));

    @Test
    void itsPolicyAllowsExactlyTheOperationsItsHandlerCanCall() {
        FunctionPolicy.Check check = FunctionPolicy.checkRecorded("PlanDigestsFunction", getClass().getClassLoader());

        assertEquals(List.of(), check.problems(), check.toString());
    }

    /**
     * The planner needs ids only: the index that holds keys and nothing else is all it may read of
     * subscribers; of the table itself, only the zone registry's item (a condition on its key).
     */
    @Test
    void itReadsSubscribersOnlyThroughTheKeysOnlyIndexAndTheZoneRegistry() {
        Map<String, Object> properties = Template.mapOf(template.resource("PlanDigestsFunction").get("Properties"));
        List<Object> subscriberResources = new ArrayList<>();
        List<Object> tableConditions = new ArrayList<>();
        for (Object policy : (List<?>) properties.get("Policies")) {
            Map<String, Object> p = Template.mapOf(policy);
            if (!p.containsKey("Statement")) {
                // A SAM policy template grants a whole table.
                assertEquals(false, p.toString().contains("SubscribersTable"), "a policy template on SubscribersTable: " + p);
                continue;
            }
            for (Object statement : (List<?>) p.get("Statement")) {
                Object resource = Template.mapOf(statement).get("Resource");
                for (Object one : resource instanceof List<?> list ? list : List.of(resource)) {
                    if (one.toString().contains("SubscribersTable")) {
                        subscriberResources.add(one);
                        if (!one.toString().contains("/index/")) {
                            tableConditions.add(Template.mapOf(statement).get("Condition"));
                            assertEquals("dynamodb:GetItem", Template.mapOf(statement).get("Action"), "the registry is only read");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(Map.of("Fn::Sub", "${SubscribersTable.Arn}/index/byDue"), Map.of("Fn::GetAtt", List.of("SubscribersTable", "Arn"))),
                subscriberResources);
        assertEquals(List.of(Map.of("ForAllValues:StringEquals", Map.of("dynamodb:LeadingKeys", List.of(SubscriberItems.DUE_ZONES)))), tableConditions);

        Map<String, Object> table = Template.mapOf(template.resource("SubscribersTable").get("Properties"));
        Map<String, Object> index = Template.mapOf(((List<?>) table.get("GlobalSecondaryIndexes")).stream()
                .filter(i -> "byDue".equals(Template.mapOf(i).get("IndexName"))).findFirst().orElseThrow());
        assertEquals(Map.of("ProjectionType", "KEYS_ONLY"), index.get("Projection"));
    }
}
