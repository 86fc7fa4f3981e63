package dev.paperboy.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs a command to its end and never waits on it past a timeout: the one way the local tools,
 * tests and bench run docker, sam, scripts and fresh JVMs. Streams the caller left as pipes go to
 * temporary files (a chatty or hung child cannot block us, nor can a grandchild holding its pipe);
 * one the caller redirected (inherit, discard) is left alone. Past the timeout the process is
 * killed and the run fails with what it printed.
 */
public final class Processes {
    private Processes() {
    }

    /** What a finished process left: its exit code, its stdout (stderr too where the builder merges them) and its stderr. */
    public record Finished(int exitCode, String output, String errors) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    public static Finished run(ProcessBuilder builder, Duration timeout) {
        return run(builder, new byte[0], timeout, Optional.empty());
    }

    /** With {@code input} written to its stdin, then closed. */
    public static Finished run(ProcessBuilder builder, byte[] input, Duration timeout) {
        return run(builder, input, timeout, Optional.empty());
    }

    /** Each stdout line is handed to {@code lines} as it arrives (a bench times the first); for a child that leaves no grandchildren. */
    public static Finished run(ProcessBuilder builder, Duration timeout, Consumer<String> lines) {
        return run(builder, new byte[0], timeout, Optional.of(lines));
    }

    /** Runs it and requires exit 0; returns its output. */
    public static String output(ProcessBuilder builder, Duration timeout) {
        Finished finished = run(builder, timeout);
        if (!finished.succeeded()) {
            throw new IllegalStateException(name(builder) + " failed (exit " + finished.exitCode() + "): " + finished.output() + finished.errors());
        }
        return finished.output();
    }

    private static Finished run(ProcessBuilder builder, byte[] input, Duration timeout, Optional<Consumer<String>> lines) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("paperboy-process", ".out");
            err = Files.createTempFile("paperboy-process", ".err");
            if (lines.isEmpty() && builder.redirectOutput() == ProcessBuilder.Redirect.PIPE) {
                builder.redirectOutput(out.toFile());
            }
            if (builder.redirectError() == ProcessBuilder.Redirect.PIPE) {
                builder.redirectError(err.toFile());
            }
            Process process = builder.start();
            AtomicBoolean killed = new AtomicBoolean();
            CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (process.isAlive()) {
                    killed.set(true);
                    process.destroyForcibly();
                }
            });
            if (builder.redirectInput() == ProcessBuilder.Redirect.PIPE) {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input);
                } catch (IOException closedEarly) {
                    // The child ended or closed its stdin without reading it all: its exit code and output say why.
                }
            }
            String streamed = lines.isPresent() ? readLines(process.getInputStream(), lines.get()) : "";
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) && !killed.get();
            if (!ended) {
                process.destroyForcibly();
            }
            String output = lines.isPresent() ? streamed : read(out);
            String errors = read(err);
            if (!ended) {
                throw new IllegalStateException(name(builder) + " did not finish within " + timeout.toSeconds() + " s; it printed:\n" + output + errors);
            }
            return new Finished(process.exitValue(), output, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + name(builder), e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static String readLines(InputStream stdout, Consumer<String> lines) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (stdout) {
            for (int b = stdout.read(); b != -1; b = stdout.read()) {
                all.write(b);
                if (b == '\n') {
                    lines.accept(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }
        if (line.size() > 0) {
            lines.accept(line.toString(StandardCharsets.UTF_8));
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    /** Bytes that are not UTF-8 become replacement characters rather than an exception. */
    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /** The command for a message: the program's name and its first arguments (a JVM's class path is long). */
    private static String name(ProcessBuilder builder) {
        String command = String.join(" ", builder.command());
        return command.length() <= 300 ? command : command.substring(0, 300) + "...";
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans /tmp
            }
        }
    }
}
