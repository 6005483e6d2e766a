package dev.weft.it.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real load balancer (HAProxy, nginx) as a process of its own, for the tests that route through one. */
public final class Balancer implements AutoCloseable {
    private final Process process;

    private Balancer(Process process) {
        this.process = process;
    }

    /** The first of {@code candidates} that is installed; the test is skipped, saying so, when none is. */
    public static Path installed(String name, String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        assumeTrue(false, name + " is not installed");
        throw new AssertionError("unreachable");
    }

    /** A port that was free a moment ago, for the balancer's frontend. */
    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** Runs {@code command} and waits until something accepts connections on {@code port}. */
    public static Balancer start(List<String> command, int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Balancer balancer = new Balancer(p);
        awaitListening(port, p);
        return balancer;
    }

    /** Polls {@code port} until it accepts a connection; fails if the process exits first or after 10 s. */
    public static void awaitListening(int port, Process process) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (process != null && !process.isAlive()) {
                throw new AssertionError("the balancer exited with status " + process.exitValue() + " before listening on " + port);
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50); // and try again
            }
        }
        throw new AssertionError("nothing listened on " + port + " within 10 s");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
