package dev.paperboy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reading what `sam local invoke --log-file` wrote, in the shapes it was seen to write here. */
class SamLocalTest {
    private static final String REPORT = "REPORT RequestId: 7e28a36c\tInit Duration: 0.18 ms\tDuration: 2186.17 ms\tBilled Duration: 2187 ms\n";

    @Test
    void theResponseIsTheJsonLineAfterTheReportAndTheRestIsLog() {
        String log = "START RequestId: 7e28a36c Version: $LATEST\n{\"level\":\"INFO\",\"message\":\"mail events\"}\nEND RequestId: 7e28a36c\n"
                + REPORT + "{\"suppressed\": 0, \"ignored\": 1}\n";

        SamLocal.Invocation invocation = SamLocal.Invocation.fromSamOutput("MailEventsFunction", "Invoking ...\n", log, Duration.ofSeconds(5));

        assertEquals("{\"suppressed\": 0, \"ignored\": 1}", invocation.response());
        assertTrue(invocation.succeeded());
        assertTrue(invocation.logs().contains("\"message\":\"mail events\""), "the function's own JSON log lines stay log");
        assertTrue(invocation.logs().contains("Duration: 2186.17 ms"), "the REPORT line stays in the log");
    }

    @Test
    void whatTheRuntimeLogsAfterTheResponseIsNotTheResponse() {
        // The RIC's next-invocation call fails as SAM stops the container; it may land around the response.
        String late = "[ERROR] [1796318393024] LAMBDA_RUNTIME Failed to get next invocation. No Response from endpoint\n"
                + "Exception in thread \"main\" com.amazonaws.services.lambda.runtime.api.client.runtimeapi.LambdaRuntimeClientException\n";
        String log = "START RequestId: 1\nEND RequestId: 1\n" + REPORT + late + "{\"batchItemFailures\": []}\n" + late;

        SamLocal.Invocation invocation = SamLocal.Invocation.fromSamOutput("SendDigestsFunction", "", log, Duration.ZERO);

        assertEquals("{\"batchItemFailures\": []}", invocation.response());
        assertTrue(invocation.logs().contains("LAMBDA_RUNTIME Failed to get next invocation"));
    }

    @Test
    void aFunctionErrorIsAResponseThatDidNotSucceed() {
        String log = "START RequestId: 1\nEND RequestId: 1\n" + REPORT
                + "{\"errorMessage\": \"date must be a date as YYYY-MM-DD, got '29/08/2025'\", \"errorType\": \"java.lang.IllegalArgumentException\"}\n";

        SamLocal.Invocation invocation = SamLocal.Invocation.fromSamOutput("FetchPapersFunction", "", log, Duration.ZERO);

        assertFalse(invocation.succeeded());
        assertEquals("java.lang.IllegalArgumentException", invocation.json().path("errorType").asText());
    }

    @Test
    void noReportLineIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SamLocal.Invocation.fromSamOutput("FetchPapersFunction", "Error: Running AWS SAM projects locally requires a container runtime.\n", "", Duration.ZERO));

        assertTrue(e.getMessage().contains("requires a container runtime"), e.getMessage());
    }
}
