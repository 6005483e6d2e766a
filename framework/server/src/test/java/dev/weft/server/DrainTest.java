package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Shutdown in phases over real sockets: during the delay the server accepts and serves as before;
 * then it stops accepting, answers in-flight requests with {@code Connection: close}, closes idle
 * keep-alive connections, and ends by the deadline. The long delays here are never waited out: a
 * second shutdown call ends them, as a second SIGTERM does.
 */
@Timeout(60)
class DrainTest {
    private static final String GET = "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final Duration LONG = Duration.ofSeconds(50);

    /** Answers {@code /hold} when the test completes {@link #held}; everything else at once. */
    private final CompletableFuture<Response> held = new CompletableFuture<>();
    private final CountDownLatch holdStarted = new CountDownLatch(1);

    private Async<Response> route(Request request) {
        if (request.path().equals("/hold")) {
            holdStarted.countDown();
            return Async.fromFuture(held);
        }
        return Async.ready(Response.text("Hello, World!"));
    }

    private Server start() {
        return Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2).build(), this::route);
    }

    @Test
    void duringTheDelayNewAndKeptAliveConnectionsAreServedAsBefore() throws Exception {
        Server server = start();
        try (Socket before = connect(server)) {
            assertServedKeptAlive(before);
            CompletableFuture<Boolean> stopped = inBackground(() -> server.shutdown(LONG, LONG));
            awaitPhase(server, ServerPhase.DRAINING);
            try (Socket during = connect(server)) {
                assertServedKeptAlive(during);
                assertServedKeptAlive(during);
            }
            assertServedKeptAlive(before);
            assertEquals(ServerPhase.DRAINING, server.phase());
            // A second call ends the delay: the kept-alive idle connection is closed, new ones refused.
            assertTrue(server.shutdown(Duration.ZERO, Duration.ofSeconds(10)));
            assertTrue(stopped.get(10, TimeUnit.SECONDS));
            assertEquals(ServerPhase.STOPPED, server.phase());
            assertEquals(-1, before.getInputStream().read());
            assertThrows(ConnectException.class, () -> connect(server).close());
        }
    }

    @Test
    void aRequestStartedWhileDrainingFinishesWithConnectionCloseOnceStopping() throws Exception {
        Server server = start();
        try (Socket idle = connect(server); Socket busy = connect(server)) {
            assertServedKeptAlive(idle);
            CompletableFuture<Boolean> stopped = inBackground(() -> server.shutdown(LONG, LONG));
            awaitPhase(server, ServerPhase.DRAINING);
            busy.getOutputStream().write("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(holdStarted.await(10, TimeUnit.SECONDS), "the handler was never called");
            CompletableFuture<Boolean> cut = inBackground(() -> server.shutdown(Duration.ZERO, LONG));
            awaitPhase(server, ServerPhase.STOPPING);
            // Idle keep-alive connections are closed at once; the busy one waits for its answer.
            assertEquals(-1, idle.getInputStream().read());
            assertThrows(ConnectException.class, () -> connect(server).close());
            held.complete(Response.text("finished"));
            String r = ServerTest.readResponse(busy.getInputStream());
            assertTrue(r.startsWith("HTTP/1.1 200"), r);
            assertTrue(r.contains("Connection: close"), r);
            assertTrue(r.endsWith("finished"), r);
            assertEquals(-1, busy.getInputStream().read());
            assertTrue(stopped.get(10, TimeUnit.SECONDS), "shutdown was not clean");
            assertTrue(cut.get(10, TimeUnit.SECONDS), "the second caller gets the first one's result");
        }
    }

    @Test
    void aConnectionAcceptedBeforeStoppingHasItsFirstRequestAnsweredNotClosedAsIdle() throws Exception {
        Server server = start();
        try (Socket fresh = connect(server)) {
            CompletableFuture<Boolean> stopped = inBackground(() -> server.shutdown(LONG, LONG));
            awaitPhase(server, ServerPhase.DRAINING);
            // The connection is accepted (a request on another one proves the acceptor has run
            // since), but its client has not sent anything yet when the server begins to stop.
            try (Socket other = connect(server)) {
                assertServedKeptAlive(other);
            }
            await(() -> server.openConnections() == 1, () -> server.openConnections() + " connections open");
            CompletableFuture<Boolean> cut = inBackground(() -> server.shutdown(Duration.ZERO, LONG));
            awaitPhase(server, ServerPhase.STOPPING);
            fresh.getOutputStream().write(GET.getBytes(StandardCharsets.US_ASCII));
            String r = ServerTest.readResponse(fresh.getInputStream());
            assertTrue(r.startsWith("HTTP/1.1 200") && r.endsWith("Hello, World!"), r);
            assertTrue(r.contains("Connection: close"), r);
            assertEquals(-1, fresh.getInputStream().read());
            assertTrue(stopped.get(10, TimeUnit.SECONDS));
            assertTrue(cut.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void theDeadlineCountsFromTheCallAndIncludesTheDelay() throws Exception {
        Server server = start();
        try (Socket stuck = connect(server)) {
            stuck.getOutputStream().write("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(holdStarted.await(10, TimeUnit.SECONDS), "the handler was never called");
            Duration delay = Duration.ofMillis(200);
            Duration deadline = Duration.ofMillis(600);
            long start = System.nanoTime();
            boolean clean = server.shutdown(delay, deadline);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertFalse(clean, "a handler that never answers cannot finish cleanly");
            assertTrue(millis >= deadline.toMillis(), "closed before the deadline, after " + millis + " ms");
            assertTrue(millis < deadline.toMillis() + 5000, "shutdown took " + millis + " ms");
            assertEquals(ServerPhase.STOPPED, server.phase());
            assertEquals(0, server.openConnections());
            assertEquals(-1, readOrReset(stuck));
        }
    }

    @Test
    void aDelayLongerThanTheDeadlineIsRefusedNamingBoth() {
        Server server = start();
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> server.shutdown(Duration.ofSeconds(5), Duration.ofSeconds(1)));
            assertEquals("shutdown delay PT5S is longer than the deadline PT1S", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> server.shutdown(Duration.ofSeconds(-1), LONG));
            assertEquals(ServerPhase.SERVING, server.phase());
        } finally {
            server.close();
        }
    }

    private static Socket connect(Server server) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    /** One request on {@code s}: answered, and the connection stays open for the next. */
    private static void assertServedKeptAlive(Socket s) throws IOException {
        s.getOutputStream().write(GET.getBytes(StandardCharsets.US_ASCII));
        String r = ServerTest.readResponse(s.getInputStream());
        assertTrue(r.startsWith("HTTP/1.1 200") && r.endsWith("Hello, World!"), r);
        assertFalse(r.contains("Connection: close"), r);
    }

    /** End of stream, or a reset (the deadline closes a connection with its request unanswered). */
    private static int readOrReset(Socket s) {
        try {
            return s.getInputStream().read();
        } catch (IOException reset) {
            return -1;
        }
    }

    /** Runs a shutdown call on a thread of its own (the common pool may have a single thread). */
    private static CompletableFuture<Boolean> inBackground(java.util.function.BooleanSupplier call) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread.ofPlatform().name("shutdown-call").start(() -> {
            try {
                result.complete(call.getAsBoolean());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    private static void awaitPhase(Server server, ServerPhase phase) throws InterruptedException {
        await(() -> server.phase() == phase, () -> "the server did not reach " + phase + ", it is " + server.phase());
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end >= 0) {
                throw new AssertionError(what.get());
            }
            Thread.sleep(2); // how often to look; the condition ends the wait
        }
    }
}
