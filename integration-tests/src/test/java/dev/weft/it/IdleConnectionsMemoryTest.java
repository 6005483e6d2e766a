package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.Wire;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ten thousand idle keep-alive connections (each has served one request and waits for the next)
 * must cost the server less than 100 MiB of heap. The server runs in a JVM of its own so that the
 * measurement sees only it; the heap is measured after full collections.
 */
@Timeout(180)
class IdleConnectionsMemoryTest {
    private static final int CONNECTIONS = 10_000;
    private static final long BUDGET = 100L * 1024 * 1024;

    @Test
    void tenThousandIdleKeepAliveConnectionsCostLessThan100MiB() throws Exception {
        long fds = ((com.sun.management.UnixOperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        assertTrue(fds > CONNECTIONS + 500, "this test holds " + CONNECTIONS + " sockets open in each of two "
                + "processes and needs a higher open-files limit (ulimit -n) than " + fds);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), IdleServerMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Socket> sockets = new ArrayList<>(CONNECTIONS);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter commands = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8)) {
            int port = Integer.parseInt(reply(out, "port ").substring("port ".length()));
            // Warm up: code paths loaded, buffer pools filled, as in a server that has been running.
            for (int i = 0; i < 200; i++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    Wire.send(s, "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
                    Wire.readResponse(s.getInputStream());
                }
            }
            long before = heap(commands, out)[0];
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.setSoTimeout(10_000);
                Wire.send(s, "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("Hello, World!", Wire.readResponse(s.getInputStream()).text());
                sockets.add(s);
            }
            long[] after = heap(commands, out);
            assertEquals(CONNECTIONS, after[1], "open connections");
            long delta = after[0] - before;
            System.out.printf("%d idle keep-alive connections: server heap %.1f MiB -> %.1f MiB after full GC, "
                            + "+%.1f MiB (%d bytes per connection)%n", CONNECTIONS, before / 1048576.0,
                    after[0] / 1048576.0, delta / 1048576.0, delta / CONNECTIONS);
            assertTrue(delta < BUDGET, "idle connections cost " + delta + " bytes");
            // Still answering with all of them open.
            try (Socket s = new Socket("127.0.0.1", port)) {
                Wire.send(s, "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("Hello, World!", Wire.readResponse(s.getInputStream()).text());
            }
            for (Socket s : sockets) {
                s.close();
            }
            sockets.clear();
            commands.println("quit");
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
            p.destroyForcibly();
        }
    }

    /** Asks the server for its heap in use after GC and its open connections. */
    private static long[] heap(PrintWriter commands, BufferedReader out) throws Exception {
        commands.println("heap");
        String[] parts = reply(out, "heap ").split(" ");
        return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[3])};
    }

    /**
     * The server's next reply starting with {@code prefix}. Its log shares the stream (a slow-poll
     * warning on a loaded machine broke the parsing once), so other lines are passed on to stderr.
     */
    private static String reply(BufferedReader out, String prefix) throws Exception {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            System.err.println("server: " + line);
        }
        throw new java.io.EOFException("the server exited before answering '" + prefix.trim() + "'");
    }
}
