package dev.paperboy.functions.mailevents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperboy.local.FunctionPolicy;
import dev.paperboy.local.ReliabilityReport;
import dev.paperboy.local.Template;
import dev.paperboy.local.TestStack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Least privilege, checked against the code: this module's class path is its zip's. */
class MailEventsPolicyTest {
    @Test
    void itsPolicyAllowsExactlyTheOperationsItsHandlerCanCall() {
        FunctionPolicy.Check check = FunctionPolicy.check(Template.load(TestStack.repoRoot().resolve("template.yaml")),
                "MailEventsFunction", getClass().getClassLoader());
        ReliabilityReport.record(check.row());
        assertEquals(List.of(), check.problems(), check.toString());
    }
}
