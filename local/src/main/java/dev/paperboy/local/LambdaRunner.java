package dev.paperboy.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The child side of {@link LocalInvoker}: constructs the handler as Lambda does (static init, then
 * the no-argument constructor), passes the event from stdin, writes the response to stdout.
 * What the function logs goes to stderr, as Lambda keeps logs apart from the response. Only
 * JDK and aws-lambda-java-core classes are used here: they are all the function's classpath has.
 */
public final class LambdaRunner {
    private LambdaRunner() {
    }

    public static void main(String[] args) throws Exception {
        String handler = args[0].split("::")[0];
        long deadline = System.currentTimeMillis() + Long.parseLong(args[1]) * 1000;
        String functionName = args[2];
        byte[] event = System.in.readAllBytes();
        PrintStream response = System.out;
        System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            Object instance = Class.forName(handler).getDeclaredConstructor().newInstance();
            if (!(instance instanceof RequestStreamHandler streamHandler)) {
                throw new IllegalArgumentException(handler + " is not a RequestStreamHandler");
            }
            streamHandler.handleRequest(new ByteArrayInputStream(event), output, context(functionName, deadline));
            response.write(output.toByteArray());
            response.flush();
        } catch (Throwable e) {
            Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
            System.err.println("invocation failed: " + cause);
            response.println("{\"errorType\":\"" + jsonEscape(cause.getClass().getName()) + "\",\"errorMessage\":\""
                    + jsonEscape(String.valueOf(cause.getMessage())) + "\"}");
            response.flush();
            System.exit(1);
        }
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A Lambda context for a local invocation: logs to stderr, time left counted to {@code deadline} (epoch ms). */
    public static Context context(String functionName, long deadline) {
        String requestId = UUID.randomUUID().toString();
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.print(new String(message, StandardCharsets.UTF_8));
            }
        };
        return new Context() {
            public String getAwsRequestId() { return requestId; }
            public String getLogGroupName() { return "/aws/lambda/" + functionName; }
            public String getLogStreamName() { return "local"; }
            public String getFunctionName() { return functionName; }
            public String getFunctionVersion() { return "$LATEST"; }
            public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName; }
            public CognitoIdentity getIdentity() { return null; }
            public ClientContext getClientContext() { return null; }
            public int getRemainingTimeInMillis() { return (int) Math.max(0, deadline - System.currentTimeMillis()); }
            public int getMemoryLimitInMB() { return 512; }
            public LambdaLogger getLogger() { return logger; }
        };
    }
}
