package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;
import dev.weft.runtime.time.Time;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Graceful shutdown requested from code. */
@Timeout(60)
class ShutdownTest {
    private static final CountDownLatch SLOW_STARTED = new CountDownLatch(1);
    private static final CountDownLatch NEVER_STARTED = new CountDownLatch(1);

    static Async<Response> route(Request request) {
        if (request.path().equals("/slow")) {
            SLOW_STARTED.countDown();
            return Time.sleep(Duration.ofMillis(500)).map(v -> Response.text("finished"));
        }
        if (request.path().equals("/never")) {
            NEVER_STARTED.countDown();
            return Async.never();
        }
        return Async.ready(Response.text("Hello, World!"));
    }

    @Test
    void inFlightRequestsFinishWithConnectionCloseIdleConnectionsCloseAndNewOnesAreRefused() throws Exception {
        Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2).build(), ShutdownTest::route);
        try (Socket busy = new Socket("127.0.0.1", server.port());
             Socket idle = new Socket("127.0.0.1", server.port())) {
            busy.setSoTimeout(10_000);
            idle.setSoTimeout(10_000);
            idle.getOutputStream().write("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(ServerTest.readResponse(idle.getInputStream()).endsWith("Hello, World!"));
            busy.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(SLOW_STARTED.await(5, TimeUnit.SECONDS));
            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> server.shutdown(Duration.ofSeconds(5)));
            // The idle keep-alive connection is closed at once.
            assertEquals(-1, idle.getInputStream().read());
            // The in-flight request finishes, and its response says the connection ends.
            InputStream in = busy.getInputStream();
            String r = ServerTest.readResponse(in);
            assertTrue(r.contains("Connection: close"), r);
            assertTrue(r.endsWith("finished"), r);
            assertEquals(-1, in.read());
            assertTrue(stopped.get(10, TimeUnit.SECONDS), "shutdown was not clean");
            assertThrows(IOException.class, () -> new Socket("127.0.0.1", server.port()).close());
        }
    }

    @Test
    void theDeadlineClosesWhatIsLeft() throws Exception {
        Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2).build(), ShutdownTest::route);
        try (Socket stuck = new Socket("127.0.0.1", server.port())) {
            stuck.setSoTimeout(10_000);
            stuck.getOutputStream().write("GET /never HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            // The request is in its handler, so only the deadline can end it.
            assertTrue(NEVER_STARTED.await(5, TimeUnit.SECONDS), "the handler was never called");
            long start = System.nanoTime();
            boolean clean = server.shutdown(Duration.ofMillis(300));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(!clean, "a handler that never answers cannot finish cleanly");
            assertTrue(millis < 5000, "shutdown took " + millis + " ms");
            assertEquals(0, server.openConnections());
        }
    }
}
