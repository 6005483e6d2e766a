package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;
import dev.weft.runtime.time.Time;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Header-read and idle timeouts over real sockets, with short settings. */
@Timeout(60)
class TimeoutsTest {
    private static final java.util.concurrent.CountDownLatch STUCK_CANCELLED = new java.util.concurrent.CountDownLatch(1);

    static Async<Response> route(Request request) {
        if (request.path().equals("/slow")) {
            return Time.sleep(Duration.ofMillis(300)).map(v -> Response.text("slow"));
        }
        if (request.path().equals("/stuck-stream")) {
            // A streamed body whose publisher never produces: the head goes out, the body never.
            org.reactivestreams.Publisher<java.nio.ByteBuffer> silent = subscriber -> subscriber.onSubscribe(
                    new org.reactivestreams.Subscription() {
                        @Override
                        public void request(long n) {
                        }

                        @Override
                        public void cancel() {
                            STUCK_CANCELLED.countDown();
                        }
                    });
            return Async.ready(new Response(dev.weft.http.HttpStatus.OK, new dev.weft.http.HttpHeaders(),
                    dev.weft.server.ResponseBody.stream(silent, 1000)));
        }
        return Async.ready(Response.text("Hello, World!"));
    }

    private static Server start(ServerConfig.Builder b) {
        return Server.start(b.host("127.0.0.1").port(0).workers(2).build(), TimeoutsTest::route);
    }

    @Test
    void aHeadSentOneByteAtATimeIsAnswered408WhenTheHeaderReadTimeoutPasses() throws Exception {
        try (Server server = start(ServerConfig.builder().headerReadTimeout(Duration.ofMillis(500)));
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            byte[] head = "GET /plaintext HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            Thread dripper = Thread.ofVirtual().start(() -> {
                try {
                    for (byte b : head) {
                        out.write(b);
                        Thread.sleep(50); // the drip is the behaviour under test: a head that never ends in time
                    }
                } catch (Exception closed) {
                    // the server answered and closed
                }
            });
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(all.startsWith("HTTP/1.1 408 "), all);
            assertTrue(all.contains("Connection: close"), all);
            assertTrue(millis < 5000, "the 408 took " + millis + " ms");
            dripper.join();
        }
    }

    @Test
    void aPipelinedHeadStartedDuringASlowResponseGetsItsOwnHeaderTimeout() throws Exception {
        try (Server server = start(ServerConfig.builder().headerReadTimeout(Duration.ofMillis(200)));
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            // The second head's first bytes arrive with the first request; the rest after the
            // slow answer (300 ms, longer than the header timeout).
            s.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /plain".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertTrue(ServerTest.readResponse(in).endsWith("slow"));
            s.getOutputStream().write("text HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(ServerTest.readResponse(in).endsWith("Hello, World!"));
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (Server server = start(ServerConfig.builder().idleTimeout(Duration.ofMillis(300)));
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertTrue(ServerTest.readResponse(in).endsWith("Hello, World!"));
            long start = System.nanoTime();
            assertEquals(-1, in.read());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 200, "closed after " + millis + " ms");
        }
    }

    /**
     * A response whose body stops moving (here a publisher that never produces) holds its
     * connection only for the idle timeout: then the connection is closed and the stream cancelled.
     * The request timeout does not cover it (the head was sent), and before this bound nothing did.
     */
    @Test
    void aResponseWhoseBodyStallsIsClosedAfterTheIdleTimeout() throws Exception {
        try (Server server = start(ServerConfig.builder().idleTimeout(Duration.ofMillis(300)).requestTimeout(Duration.ofSeconds(30)));
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /stuck-stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(all.startsWith("HTTP/1.1 200 OK\r\n"), all);
            assertTrue(all.endsWith("\r\n\r\n"), "no body byte was ever produced: " + all);
            assertTrue(STUCK_CANCELLED.await(5, java.util.concurrent.TimeUnit.SECONDS), "the stream was not cancelled");
        }
    }
}
