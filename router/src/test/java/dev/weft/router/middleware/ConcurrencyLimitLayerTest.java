package dev.weft.router.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpMethod;
import dev.weft.router.Handler;
import dev.weft.router.Router;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Layers#concurrencyLimit}: refuses beyond the limit, and every way out returns the permit. */
@Timeout(60)
class ConcurrencyLimitLayerTest {
    private static final Context CX = () -> () -> { };
    private static final Request GET = Request.builder(HttpMethod.GET, "/").build();

    /** A handler's answer that stays pending until told how to end. */
    private static final class Gate implements Async<Response> {
        volatile Response response;
        volatile RuntimeException failure;
        volatile boolean cancelled;

        @Override
        public Poll<Response> poll(Context cx) {
            if (failure != null) {
                throw failure;
            }
            return response == null ? Poll.pending() : Poll.ready(response);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final List<Gate> gates = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    private Async<Response> call(ConcurrencyLimitLayer layer) {
        return layer.handle(GET, r -> {
            calls.incrementAndGet();
            Gate g = new Gate();
            gates.add(g);
            return g;
        });
    }

    @Test
    void beyondTheLimitIsAnswered503ProblemWithRetryAfterWithoutCallingTheHandler() {
        ConcurrencyLimitLayer layer = new ConcurrencyLimitLayer(2);
        Async<Response> a = call(layer);
        Async<Response> b = call(layer);
        assertEquals(2, layer.inFlight());
        Poll<Response> refused = call(layer).poll(CX);
        assertTrue(refused.isReady());
        Response r = refused.value();
        assertEquals(503, r.status().code());
        assertEquals("1", r.headers().get("Retry-After"));
        assertEquals("application/problem+json", r.headers().get("Content-Type"));
        assertEquals(2, calls.get(), "the refused request never reached its handler");
        assertFalse(a.poll(CX).isReady());
        assertFalse(b.poll(CX).isReady());
    }

    @Test
    void completionReturnsThePermitOnce() {
        ConcurrencyLimitLayer layer = new ConcurrencyLimitLayer(1);
        Async<Response> a = call(layer);
        assertEquals(1, layer.inFlight());
        gates.get(0).response = Response.text("done");
        assertTrue(a.poll(CX).isReady());
        assertEquals(0, layer.inFlight());
        assertFalse(call(layer).poll(CX).isReady(), "the next request gets the permit");
        assertEquals(1, layer.inFlight());
    }

    @Test
    void aFailingAnswerReturnsThePermit() {
        ConcurrencyLimitLayer layer = new ConcurrencyLimitLayer(1);
        Async<Response> a = call(layer);
        gates.get(0).failure = new IllegalStateException("boom");
        assertThrows(IllegalStateException.class, () -> a.poll(CX));
        assertEquals(0, layer.inFlight());
    }

    @Test
    void aHandlerThatThrowsAtOnceReturnsThePermit() {
        ConcurrencyLimitLayer layer = new ConcurrencyLimitLayer(1);
        assertThrows(IllegalStateException.class, () -> layer.handle(GET, r -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(0, layer.inFlight());
    }

    @Test
    void cancellingReturnsThePermitAndCancelsTheHandler() {
        ConcurrencyLimitLayer layer = new ConcurrencyLimitLayer(1);
        Async<Response> a = call(layer);
        a.cancel();
        assertTrue(gates.get(0).cancelled);
        assertEquals(0, layer.inFlight());
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> Layers.concurrencyLimit(0));
    }

    @Test
    void aClientThatResetsItsConnectionReturnsThePermit() throws Exception {
        ConcurrencyLimitLayer layer = new ConcurrencyLimitLayer(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean stuck = new AtomicBoolean(true);
        Router router = Router.create().layer(layer)
                .get("/stuck", () -> {
                    started.countDown();
                    return stuck.get() ? Async.<String>never() : Async.ready("free");
                });
        try (Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2).build(), router)) {
            Socket s = new Socket("127.0.0.1", server.port());
            s.getOutputStream().write("GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            started.await();
            assertEquals(1, layer.inFlight());
            assertTrue(get(server).startsWith("HTTP/1.1 503 "), "the only permit is taken");
            assertEquals(1, server.stats().requestsOverloaded(), "the refusal is counted by the server");
            s.setSoLinger(true, 0); // close with RST: the client is gone
            s.close();
            while (layer.inFlight() != 0) {
                Thread.sleep(10);
            }
            stuck.set(false);
            String answer = get(server);
            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
        }
    }

    @Test
    void stressTheInFlightCountNeverExceedsTheLimitAndReturnsToZero() throws Exception {
        int limit = 4;
        ConcurrencyLimitLayer layer = new ConcurrencyLimitLayer(limit);
        AtomicInteger inHandler = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        Router router = Router.create().layer(layer)
                .get("/work", Handler.blocking(() -> {
                    int now = inHandler.incrementAndGet();
                    maxSeen.accumulateAndGet(now, Math::max);
                    maxSeen.accumulateAndGet(layer.inFlight(), Math::max);
                    Thread.yield();
                    inHandler.decrementAndGet();
                    return "ok";
                }));
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        try (Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2).build(), router)) {
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    try (Socket s = new Socket("127.0.0.1", server.port())) {
                        s.setSoTimeout(20_000);
                        InputStream in = s.getInputStream();
                        for (int i = 0; i < 200; i++) {
                            s.getOutputStream().write("GET /work HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                            String status = readResponse(in);
                            if (status.startsWith("HTTP/1.1 200")) {
                                ok.incrementAndGet();
                            } else if (status.startsWith("HTTP/1.1 503")) {
                                refused.incrementAndGet();
                            } else {
                                other.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        other.incrementAndGet();
                    }
                }));
            }
            for (Thread t : clients) {
                t.join();
            }
            // Each refusal, from whichever worker, reaches the server's counters once.
            assertEquals(refused.get(), server.stats().requestsOverloaded());
            assertEquals(0, server.stats().requestsTimedOut());
        }
        assertEquals(0, other.get());
        assertEquals(16 * 200, ok.get() + refused.get());
        assertTrue(ok.get() > 0);
        assertTrue(maxSeen.get() <= limit, "in flight reached " + maxSeen.get());
        assertEquals(0, layer.inFlight());
    }

    /** Reads one response with a Content-Length body; returns its status line. */
    private static String readResponse(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException(head.toString());
            }
            head.append((char) b);
        }
        String h = head.toString();
        int at = h.toLowerCase(java.util.Locale.ROOT).indexOf("content-length: ");
        int end = h.indexOf("\r\n", at);
        int length = Integer.parseInt(h.substring(at + 16, end).trim());
        in.readNBytes(length);
        return h.substring(0, h.indexOf("\r\n"));
    }

    private static String get(Server server) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write("GET /stuck HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
