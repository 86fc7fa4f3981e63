package dev.paperboy.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;

/**
 * The cold-start bench's handler, run by the Runtime Interface Client in the Lambda Java 21 image
 * in place of the function's own: constructs the function's handler (PROBE_HANDLER) as the runtime
 * would, optionally runs the registered priming (PROBE_PRIMED=true: what SnapStart's checkpoint
 * runs after init), then passes every invocation through. After each it logs one line,
 * {@code PROBE {...}}: microseconds from the bootstrap's start (PROBE_T0_MICROS, set just before
 * it execs the JVM) to the end of init, of priming, and of the first invocation, which counts from
 * the event's arrival (the wait for it is left out); warm invocations' durations; and the
 * System.nanoTime marks that class-load logging (-Xlog:class+load with timenanos) is cut at.
 */
public final class ProbeHandler implements RequestStreamHandler {
    private static final long T0_MICROS = Long.parseLong(System.getenv("PROBE_T0_MICROS"));
    private static final long N_BASE = System.nanoTime();
    private static final long BASE_MICROS = micros(Instant.now());

    private final RequestStreamHandler handler;
    private final long nInit;
    private final long nPrimed;
    private long firstMicros = -1;
    private long nFirst;
    private final StringBuilder warmMicros = new StringBuilder();

    public ProbeHandler() throws ReflectiveOperationException {
        handler = (RequestStreamHandler) Class.forName(System.getenv("PROBE_HANDLER")).getDeclaredConstructor().newInstance();
        nInit = System.nanoTime();
        if (Boolean.parseBoolean(System.getenv("PROBE_PRIMED"))) {
            // Resolved only here: the plain, naive and floor runs never load it.
            dev.paperboy.aws.Priming.primeRegistered();
        }
        nPrimed = System.nanoTime();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long start = System.nanoTime();
        handler.handleRequest(input, output, context);
        long end = System.nanoTime();
        if (firstMicros < 0) {
            firstMicros = sinceT0(nPrimed) + (end - start) / 1000;
            nFirst = end;
        } else {
            warmMicros.append(warmMicros.isEmpty() ? "" : ",").append((end - start) / 1000);
        }
        System.err.println("PROBE {\"initMicros\":" + sinceT0(nInit) + ",\"primedMicros\":" + sinceT0(nPrimed)
                + ",\"firstMicros\":" + firstMicros + ",\"warmMicros\":[" + warmMicros + "]"
                + ",\"nanoInit\":" + nInit + ",\"nanoPrimed\":" + nPrimed + ",\"nanoFirst\":" + nFirst + "}");
    }

    private static long sinceT0(long nanoTime) {
        return BASE_MICROS + (nanoTime - N_BASE) / 1000 - T0_MICROS;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }
}
