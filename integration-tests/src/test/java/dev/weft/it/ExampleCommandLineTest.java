package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.ExampleProcess;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The example's command line as an operator meets it: a port that is taken and an option that is
 * wrong, and a malformed {@code WEFT_} variable, each end the process at once with one line that
 * says what was wrong and a distinct exit status (1 for a port that cannot be had, 2 for the usage
 * or a setting), not a stack trace or a process left running.
 */
@Timeout(60)
class ExampleCommandLineTest {

    private static ExampleProcess.Exit run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    private static ExampleProcess.Exit run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        Path jar = ExampleProcess.jar();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return ExampleProcess.runToExit(builder, 30);
    }

    @Test
    void aPortInUseEndsWithStatusOneAndSaysWhichAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            ExampleProcess.Exit o = run("--host", "127.0.0.1", "--port", Integer.toString(port));
            assertEquals(1, o.status(), o.output());
            assertTrue(o.output().contains("error: cannot listen on 127.0.0.1:" + port + ": "), o.output());
            assertTrue(o.output().toLowerCase(java.util.Locale.ROOT).contains("in use"), o.output());
            assertFalse(o.output().contains("\tat "), "no stack trace: " + o.output());
        }
    }

    @Test
    void aBadOptionEndsWithStatusTwoAndTheUsage() throws Exception {
        ExampleProcess.Exit o = run("--port", "eighty");
        assertEquals(2, o.status(), o.output());
        assertTrue(o.output().startsWith("error: "), o.output());
        assertTrue(o.output().contains("--port"), o.output());
        assertFalse(o.output().contains("\tat "), "no stack trace: " + o.output());
    }

    @Test
    void aBadEnvironmentVariableEndsWithStatusTwoNamingItAndItsValue() throws Exception {
        ExampleProcess.Exit o = run(Map.of("WEFT_SHUTDOWN_DELAY", "soon"), "--port", "0");
        assertEquals(2, o.status(), o.output());
        assertEquals("error: environment variable WEFT_SHUTDOWN_DELAY='soon': not a duration; write a whole number "
                + "and a unit: 500ms, 2s, 1m or 1h", o.output().strip());
    }

    @Test
    void theCommandLineWinsOverTheEnvironment() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // WEFT_PORT names the taken port, --port another one that is free: the server starts.
            try (ExampleProcess p = ExampleProcess.start(Map.of("WEFT_PORT", Integer.toString(taken.getLocalPort()),
                    "WEFT_HOST", "0.0.0.0"), List.of())) {
                assertTrue(p.port() != taken.getLocalPort());
                assertTrue(p.output().stream().anyMatch(l -> l.contains("listening on http://127.0.0.1:")), p.output().toString());
            }
        }
    }
}
