package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.time.Time;

import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * What the server does when the client goes away. A reset (RST) means nobody is listening: every
 * pending handler is cancelled and every body stream fails. A FIN is a half-close (RFC 9112 §9.6
 * lets a client close its sending side and still read): what was received is answered.
 */
@Timeout(60)
class ClientDisconnectTest {
    private static Server server;
    private static volatile CountDownLatch handlerCalled;
    private static volatile CountDownLatch handlerCancelled;
    private static volatile CountDownLatch firstSliceReceived;
    private static volatile CompletableFuture<Throwable> bodyOutcome;

    /** A handler that never answers and records that it was cancelled. */
    static final class Hanging implements Async<Response> {
        @Override
        public Poll<Response> poll(Context cx) {
            return Poll.pending();
        }

        @Override
        public void cancel() {
            handlerCancelled.countDown();
        }
    }

    static Async<Response> route(Request request) {
        handlerCalled.countDown();
        switch (request.path()) {
            case "/hang" -> {
                return new Hanging();
            }
            case "/read-slowly" -> {
                request.body().subscribe(new Subscriber<ByteBuffer>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        s.request(1);
                    }

                    @Override
                    public void onNext(ByteBuffer b) {
                        // never asks for more
                        firstSliceReceived.countDown();
                    }

                    @Override
                    public void onError(Throwable t) {
                        bodyOutcome.complete(t);
                    }

                    @Override
                    public void onComplete() {
                        bodyOutcome.complete(null);
                    }
                });
                return new Hanging();
            }
            default -> {
                return Time.sleep(Duration.ofMillis(300)).map(v -> Response.text("answered after FIN"));
            }
        }
    }

    @BeforeAll
    static void start() {
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                .requestTimeout(Duration.ofSeconds(30)).build(), ClientDisconnectTest::route);
    }

    @AfterAll
    static void stop() {
        // Handlers that never answer are still open: no point waiting for them.
        server.shutdown(Duration.ofMillis(200));
    }

    private static void reset() {
        handlerCalled = new CountDownLatch(1);
        handlerCancelled = new CountDownLatch(1);
        firstSliceReceived = new CountDownLatch(1);
        bodyOutcome = new CompletableFuture<>();
    }

    @Test
    void aResetCancelsTheWaitingHandler() throws Exception {
        reset();
        Socket s = new Socket("127.0.0.1", server.port());
        s.getOutputStream().write("GET /hang HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(handlerCalled.await(5, TimeUnit.SECONDS));
        s.setSoLinger(true, 0); // close() now sends RST
        s.close();
        assertTrue(handlerCancelled.await(5, TimeUnit.SECONDS), "the handler was not cancelled");
        awaitNoConnections();
    }

    @Test
    void aResetFailsTheBodyStreamAndCancelsTheHandler() throws Exception {
        reset();
        Socket s = new Socket("127.0.0.1", server.port());
        s.getOutputStream().write(("POST /read-slowly HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"
                + "x".repeat(5000)).getBytes(StandardCharsets.US_ASCII));
        assertTrue(handlerCalled.await(5, TimeUnit.SECONDS));
        s.setSoLinger(true, 0);
        s.close();
        Throwable t = bodyOutcome.get(5, TimeUnit.SECONDS);
        assertInstanceOf(BodyReadException.class, t);
        assertTrue(handlerCancelled.await(5, TimeUnit.SECONDS), "the handler was not cancelled");
        awaitNoConnections();
    }

    @Test
    void aResetIsNoticedWhileUnreadBodyBytesWaitForDemand() throws Exception {
        reset();
        Socket s = new Socket("127.0.0.1", server.port());
        s.setTcpNoDelay(true); // the second part leaves at once, not held back until the first is acknowledged
        // The head and the first slice arrive first; later bytes wait in the read buffer, since
        // the subscriber asked for one buffer only.
        s.getOutputStream().write(("POST /read-slowly HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"
                + "x".repeat(1000)).getBytes(StandardCharsets.US_ASCII));
        assertTrue(handlerCalled.await(5, TimeUnit.SECONDS));
        // Once the subscriber holds the first slice, what comes next cannot join that slice.
        assertTrue(firstSliceReceived.await(5, TimeUnit.SECONDS), "the first slice never reached the subscriber");
        s.getOutputStream().write("y".repeat(1000).getBytes(StandardCharsets.US_ASCII));
        // No pause before the reset: it follows these bytes on the wire, so the server meets them
        // first and holds them unread (no demand) when the reset reaches it.
        s.setSoLinger(true, 0);
        s.close();
        assertInstanceOf(BodyReadException.class, bodyOutcome.get(5, TimeUnit.SECONDS));
        assertTrue(handlerCancelled.await(5, TimeUnit.SECONDS), "the handler was not cancelled");
    }

    @Test
    void aFinIsAHalfCloseAndTheRequestIsStillAnswered() throws Exception {
        reset();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET /after-fin HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(all.startsWith("HTTP/1.1 200 OK"), all);
            assertTrue(all.endsWith("answered after FIN"), all);
        }
        assertTrue(handlerCancelled.getCount() == 1, "a half-close must not cancel the handler");
    }

    @Test
    void aFinInTheMiddleOfABodyFailsTheBodyStream() throws Exception {
        reset();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("POST /read-slowly HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(handlerCalled.await(5, TimeUnit.SECONDS));
            s.shutdownOutput();
            // The subscriber holds the first slice and asked for no more: the failure still reaches it.
            Throwable t = bodyOutcome.get(5, TimeUnit.SECONDS);
            assertInstanceOf(BodyReadException.class, t);
        }
    }

    private static void awaitNoConnections() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.openConnections() > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertTrue(server.openConnections() == 0, "connections still open: " + server.openConnections());
    }
}
