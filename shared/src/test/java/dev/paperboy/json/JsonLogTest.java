package dev.paperboy.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonLogTest {
    @AfterEach
    void leave() {
        JsonLog.leave();
    }

    @Test
    void aLineLoggedInsideAnInvocationCarriesItsRequestIdAndFunction() throws Exception {
        JsonLog.enter("c0ffee-1", "SendDigestsFunction");

        JsonNode line = Json.MAPPER.readTree(JsonLog.line("INFO", "digest batch", Map.of("messageId", "m1")));

        assertEquals("c0ffee-1", line.path("requestId").asText());
        assertEquals("SendDigestsFunction", line.path("function").asText());
        assertEquals("digest batch", line.path("message").asText());
        assertEquals("m1", line.path("messageId").asText(), "the caller's fields stay");
    }

    @Test
    void afterTheInvocationALineCarriesNoRequestId() throws Exception {
        JsonLog.enter("c0ffee-2", "MailEventsFunction");
        JsonLog.leave();

        JsonNode line = Json.MAPPER.readTree(JsonLog.line("INFO", "primed", Map.of("steps", 3)));

        assertFalse(line.has("requestId"), line.toString());
        assertFalse(line.has("function"), line.toString());
    }

    @Test
    void twoThreadsInvokedAtOnceEachLogTheirOwnRequestId() throws Exception {
        CyclicBarrier bothEntered = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> logInside("request-a", bothEntered), threads);
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> logInside("request-b", bothEntered), threads);

            assertEquals("request-a", Json.MAPPER.readTree(first.get(10, TimeUnit.SECONDS)).path("requestId").asText());
            assertEquals("request-b", Json.MAPPER.readTree(second.get(10, TimeUnit.SECONDS)).path("requestId").asText());
        } finally {
            threads.shutdownNow();
        }
    }

    /** Enters, waits until the other thread has entered too, then logs: each thread's line is written while both are inside. */
    private static String logInside(String requestId, CyclicBarrier bothEntered) {
        JsonLog.enter(requestId, "SubscriptionsApiFunction");
        try {
            bothEntered.await(10, TimeUnit.SECONDS);
            return JsonLog.line("INFO", "handled", Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            JsonLog.leave();
        }
    }
}
