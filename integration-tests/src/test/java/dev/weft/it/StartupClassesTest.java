package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.examples.Main;
import dev.weft.it.support.ExampleProcess;
import dev.weft.it.support.Wire;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The echo example's start and first response spin few classes at run time (lambdas, string
 * concatenation and pattern-switch bootstraps, reflective calls each define a hidden class). Past
 * about seventeen, the JIT compiles the JDK's class generator: a burst of about 7 MiB of compiler
 * memory (NMT's "Arena Chunk") that the process still holds seconds later, which alone takes the
 * idle server's resident memory from 51 to 58 MiB. One new lambda on the start-up path is enough
 * to bring it back; this test says where. It starts the example both ways: by its class name, and
 * as {@code java -jar} does, through the jar's launcher (the way it is deployed and benchmarked),
 * on the default transport.
 */
@Tag("transport-independent")
@Timeout(60)
class StartupClassesTest {
    /**
     * Ten at the time of writing: the example's seven route lambdas, the JDK's own for reading a
     * multi-release jar, and two method handles the JDK builds when the first selector and server
     * socket open.
     */
    private static final int LIMIT = 12;

    @Test
    void startingAndAnsweringTheFirstRequestSpinsFewClasses(@TempDir Path dir) throws Exception {
        assertFewSpun(dir, List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    }

    @Test
    void theJarsLauncherSpinsNoMoreClasses(@TempDir Path dir) throws Exception {
        assertFewSpun(dir, List.of("-jar", ExampleProcess.jar().toString()));
    }

    private static void assertFewSpun(Path dir, List<String> launch) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = dir.resolve("classes.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xlog:class+load:file=" + log);
        command.addAll(launch);
        command.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(port)));
        ProcessBuilder b = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // The default transport's start, also in the runs of the suite on the native transports:
        // those spin about 135 classes linking their FFM calls, which is why auto does not pick
        // them (see Transports); that cost is measured in the README, not guarded here.
        b.environment().remove("WEFT_TRANSPORT");
        Process p = b.start();
        try {
            String body = null;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (body == null && System.nanoTime() < end) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    Wire.send(s, "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
                    body = Wire.readResponse(s.getInputStream()).text();
                } catch (java.io.IOException notYet) {
                    Thread.sleep(20);
                }
            }
            assertEquals("Hello, World!", body);
            List<String> spun = Files.readAllLines(log).stream()
                    .filter(line -> line.contains("/0x")) // hidden classes are named Outer$$Lambda/0x…
                    .map(line -> line.replaceAll(".*\\] ", "").replaceAll(" source:.*", ""))
                    .toList();
            assertTrue(spun.size() <= LIMIT, "start-up and the first response spun " + spun.size()
                    + " classes at run time (limit " + LIMIT + "); replace the new lambdas, '+' string"
                    + " concatenations or pattern switches on that path:\n  " + String.join("\n  ", spun));
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
