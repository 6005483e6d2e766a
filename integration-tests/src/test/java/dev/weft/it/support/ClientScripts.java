package dev.weft.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The client programs the WebSocket tests drive Weft with (scripts under
 * {@code src/test/resources/websocket}, run by Python or Node), run to their end.
 */
public final class ClientScripts {
    private ClientScripts() {
    }

    /** A script under {@code src/test/resources/websocket}. */
    public static String script(String name) {
        try {
            return Path.of(ClientScripts.class.getResource("/websocket/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The system's Python, for which Debian's python3-websockets is installed, whatever else is on PATH. */
    public static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /**
     * Runs a command to its end; its output (stdout and stderr), or an AssertionError with it when
     * it did not finish within 120 s or its exit status is not 0.
     */
    public static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), command + " failed:\n" + text);
        return text;
    }
}
