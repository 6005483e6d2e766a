package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.runtime.Async;
import dev.weft.runtime.net.TcpListener;

import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two servers on one port with SO_REUSEPORT: both serve; when one stops, the other serves every client. */
@Timeout(60)
class ReusePortTest {

    private static Server start(String name, int port) {
        return Server.start(ServerConfig.builder().host("127.0.0.1").port(port).reusePort(true).workers(1).build(),
                request -> Async.ready(Response.text(name)));
    }

    @Test
    void twoServersShareAPortAndTheSecondServesAllOnceTheFirstStops() throws Exception {
        assumeTrue(TcpListener.reusePortSupported(), "SO_REUSEPORT is not supported here");
        Server old = start("old", 0);
        Server replacement = start("new", old.port());
        try {
            assertEquals(old.port(), replacement.port());
            // The kernel spreads connections by their addresses: some reach each server.
            Set<String> answered = new HashSet<>();
            for (int i = 0; i < 200 && answered.size() < 2; i++) {
                answered.add(get(old.port()));
            }
            assertEquals(Set.of("old", "new"), answered);
            assertTrue(old.shutdown(Duration.ZERO, Duration.ofSeconds(10)));
            for (int i = 0; i < 50; i++) {
                assertEquals("new", get(old.port()));
            }
        } finally {
            old.close();
            replacement.close();
        }
    }

    @Test
    void withoutItTheSecondBindIsRefused() {
        Server first = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(1).build(),
                request -> Async.ready(Response.text("first")));
        try {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Server.start(
                    ServerConfig.builder().host("127.0.0.1").port(first.port()).workers(1).build(),
                    request -> Async.ready(Response.text("second"))));
            assertTrue(e.getMessage().contains(":" + first.port()), e.getMessage());
        } finally {
            first.close();
        }
    }

    /** One request on a new connection; the body names the server that answered. */
    private static String get(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String r = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(r.startsWith("HTTP/1.1 200"), r);
            return r.substring(r.indexOf("\r\n\r\n") + 4);
        }
    }
}
