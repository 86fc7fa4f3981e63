package dev.paperboy.functions.senddigests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperboy.local.FunctionPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Least privilege, checked against the code: this module's class path is its zip's. */
class SendDigestsPolicyTest {
    @Test
    void itsPolicyAllowsExactlyTheOperationsItsHandlerCanCall() {
        FunctionPolicy.Check check = FunctionPolicy.checkRecorded("SendDigestsFunction", getClass().getClassLoader());

        assertEquals(List.of(), check.problems(), check.toString());
    }
}
