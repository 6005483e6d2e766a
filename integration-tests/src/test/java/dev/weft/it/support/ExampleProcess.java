package dev.weft.it.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example server's shaded jar run as a separate JVM, as in production: its own heap limit,
 * real signals, a real exit status.
 */
public final class ExampleProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final int port;
    private final List<String> output;

    private ExampleProcess(Process process, int port, List<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** What the process printed so far. */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** The jar the build made; the test is skipped with a message when it was not built. */
    public static Path jar() {
        String path = System.getProperty("weft.examples.jar", "../examples/target/weft-examples.jar");
        Path jar = Path.of(path);
        assumeTrue(Files.isRegularFile(jar), "the examples jar is not built (" + jar.toAbsolutePath()
                + "); run the build's install step first");
        return jar;
    }

    /** Starts {@code java <jvmArgs> -jar weft-examples.jar --host 127.0.0.1 --port 0 <args>}. */
    public static ExampleProcess start(List<String> jvmArgs, String... args) throws IOException {
        return start(Map.of(), jvmArgs, args);
    }

    /** The same with {@code environment} added to this JVM's environment variables. */
    public static ExampleProcess start(Map<String, String> environment, List<String> jvmArgs, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of("--host", "127.0.0.1", "--port", "0"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return start(builder, 30);
    }

    /**
     * Starts {@code builder}'s command (its output merged) and waits up to {@code seconds} for it
     * to log the line a Weft server logs when it listens.
     */
    public static ExampleProcess start(ProcessBuilder builder, long seconds) throws IOException {
        Process p = builder.redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofPlatform().daemon().name("example-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            port.completeExceptionally(new IllegalStateException("the example exited before listening: " + lines));
        });
        try {
            return new ExampleProcess(p, port.get(seconds, TimeUnit.SECONDS), lines);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("the example did not start: " + lines, e);
        }
    }

    /** How a process that was expected to end did: its status and everything it printed. */
    public record Exit(int status, String output) {
    }

    /**
     * Runs {@code builder}'s command to its end (its output merged, no input) and returns how it
     * ended; fails if it is still running after {@code seconds}.
     */
    public static Exit runToExit(ProcessBuilder builder, long seconds) throws IOException, InterruptedException {
        Process p = builder.redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes(); // ends when the process does
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the process kept running: " + new String(out, StandardCharsets.UTF_8));
        }
        return new Exit(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Sends SIGTERM. Through the process handle: {@link Process#destroy()} sends the same signal
     * but also closes this side of the process's output, so what it logs while it drains is lost.
     */
    public void sigterm() {
        process.toHandle().destroy();
    }

    /** Waits for the exit status; -1 if it did not exit in time (it is then killed). */
    public int waitFor(long seconds) throws InterruptedException {
        if (process.waitFor(seconds, TimeUnit.SECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly();
        return -1;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        // A launcher such as Maven's exec plugin runs the server as a child: it goes first.
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
