package dev.paperboy.bench.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The child side of the cold-start measurement, in a fresh JVM on the function's classpath:
 * constructs the handler as Lambda does, optionally runs the registered priming (the local stand-in
 * for SnapStart's checkpoint), serves the event once, then a few more times warm. Prints one line
 * of timings on stdout: microseconds since the parent started the process, and the System.nanoTime
 * marks that class-load logging (-Xlog:class+load with timenanos) is cut at. Uses only the JDK and
 * aws-lambda-java-core until the handler is constructed, as Lambda's runtime does.
 *
 * <p>Arguments: handler class, plain|primed, event file, warm invocations. PROBE_T0_MICROS in the
 * environment: when the parent started the process, in microseconds since the epoch.
 */
public final class Probe {
    private Probe() {
    }

    public static void main(String[] args) throws Exception {
        Instant atMain = Instant.now();
        long nMain = System.nanoTime();
        long t0 = Long.parseLong(System.getenv("PROBE_T0_MICROS"));
        long mainMicros = atMain.getEpochSecond() * 1_000_000 + atMain.getNano() / 1000 - t0;
        String handlerClass = args[0];
        boolean primed = args[1].equals("primed");
        byte[] event = Files.readAllBytes(Path.of(args[2]));
        int warm = Integer.parseInt(args[3]);
        PrintStream result = System.out;
        // The function's own output (log lines) stays apart from the result line.
        System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8));

        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
        long nInit = System.nanoTime();
        long nPrimed = nInit;
        if (primed) {
            // What SnapStart's beforeCheckpoint would run. Resolved only here: naive and floor runs never load it.
            dev.paperboy.aws.Priming.primeRegistered();
            nPrimed = System.nanoTime();
        }
        invoke(handler, event);
        long nFirst = System.nanoTime();
        StringBuilder warmMicros = new StringBuilder();
        for (int i = 0; i < warm; i++) {
            long start = System.nanoTime();
            invoke(handler, event);
            warmMicros.append(i == 0 ? "" : ",").append((System.nanoTime() - start) / 1000);
        }
        result.println("{\"mainMicros\":" + mainMicros
                + ",\"initMicros\":" + (mainMicros + (nInit - nMain) / 1000)
                + ",\"primedMicros\":" + (mainMicros + (nPrimed - nMain) / 1000)
                + ",\"firstMicros\":" + (mainMicros + (nFirst - nMain) / 1000)
                + ",\"warmMicros\":[" + warmMicros + "]"
                + ",\"nanoInit\":" + nInit + ",\"nanoPrimed\":" + nPrimed + ",\"nanoFirst\":" + nFirst + "}");
        result.flush();
    }

    private static void invoke(RequestStreamHandler handler, byte[] event) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), output, CONTEXT);
        if (output.size() == 0) {
            throw new IllegalStateException("the handler answered nothing");
        }
    }

    private static final long DEADLINE = System.currentTimeMillis() + 600_000;

    private static final LambdaLogger LOGGER = new LambdaLogger() {
        @Override
        public void log(String message) {
            System.err.print(message);
        }

        @Override
        public void log(byte[] message) {
            System.err.print(new String(message, StandardCharsets.UTF_8));
        }
    };

    private static final Context CONTEXT = new Context() {
        public String getAwsRequestId() { return "cold-start"; }
        public String getLogGroupName() { return "/aws/lambda/cold-start"; }
        public String getLogStreamName() { return "local"; }
        public String getFunctionName() { return System.getenv("AWS_LAMBDA_FUNCTION_NAME"); }
        public String getFunctionVersion() { return "$LATEST"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:cold-start"; }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return (int) Math.max(0, DEADLINE - System.currentTimeMillis()); }
        public int getMemoryLimitInMB() { return 1024; }
        public LambdaLogger getLogger() { return LOGGER; }
    };
}
