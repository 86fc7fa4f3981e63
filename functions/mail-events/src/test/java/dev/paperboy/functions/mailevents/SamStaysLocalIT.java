package dev.paperboy.functions.mailevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.local.OutboundRecorder;
import dev.paperboy.local.ReliabilityReport;
import dev.paperboy.local.ReliabilityReport.Row;
import dev.paperboy.local.SamLocal;
import dev.paperboy.local.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `sam local invoke` as the project runs it (local/bin/sam) sends nothing beyond this machine: run
 * by a SAM that has never run here (its settings in a fresh directory, so its first-run checks
 * happen), with every HTTP(S) request it makes routed to a recording proxy that forwards nothing.
 * Unguarded, SAM asks STS (sts.amazonaws.com) for the account id at every invoke and PyPI for a
 * newer version of itself once a week.
 */
class SamStaysLocalIT {
    @Test
    void samLocalInvokeSendsNoRequestBeyondThisMachine(@TempDir Path freshSamSettings) throws Exception {
        TestStack stack = TestStack.provision();
        byte[] event = Files.readAllBytes(stack.root().resolve("events/mail-events/ses-soft-bounce.json"));
        SamLocal.Invocation result;
        List<String> attempts;
        try (OutboundRecorder recorder = new OutboundRecorder()) {
            Map<String, String> env = new HashMap<>(recorder.proxyEnvironment());
            env.put("PAPERBOY_SAM_CLI_DIR", freshSamSettings.toString());
            result = stack.sam().withSamEnvironment(env).invoke("MailEventsFunction", event, Map.of());
            attempts = recorder.attempts();
        }

        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("invocations", 1L);
        counts.put("requestsBeyondThisMachine", (long) attempts.size());
        counts.put("stsLookupsFailed", result.logs().contains("No current session found") ? 1L : 0L);
        ReliabilityReport.record(new Row("sam-local-1-sam-stays-on-this-machine",
                "`sam local invoke` through local/bin/sam, by a SAM that never ran on this machine (fresh settings directory)",
                "every HTTP(S) request SAM makes goes to a recording proxy on loopback that forwards nothing (HTTPS_PROXY, HTTP_PROXY; "
                        + "loopback, where the local AWS is, excepted)",
                counts,
                attempts.isEmpty() ? "the function ran and SAM tried to reach nothing beyond this machine: its account lookup (STS) went to the"
                        + " local AWS, its weekly version check (PyPI) was marked done, telemetry stayed off"
                        : "SAM tried to reach " + attempts));

        assertTrue(result.succeeded(), result.response() + "\n" + result.logs());
        assertEquals(List.of(), attempts, "requests SAM tried to send beyond this machine");
        assertTrue(!result.logs().contains("No current session found"), "the local AWS answered SAM's account lookup: " + result.logs());
    }
}
