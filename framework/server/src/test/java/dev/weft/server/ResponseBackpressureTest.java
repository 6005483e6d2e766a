package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpStatus;
import dev.weft.runtime.Async;

import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A streamed response is pulled as the socket drains: an endless publisher sending to a client
 * that does not read produces only what the kernel buffers hold, and resumes when the client reads.
 */
@Timeout(60)
class ResponseBackpressureTest {
    private static final int CHUNK = 8192;

    /** Emits {@code CHUNK}-byte buffers on demand, forever, counting what it produced. */
    static final class Endless implements Publisher<ByteBuffer> {
        final AtomicLong produced = new AtomicLong();
        final CountDownLatch cancelled = new CountDownLatch(1);

        @Override
        public void subscribe(Subscriber<? super ByteBuffer> s) {
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    // The server asks for one at a time: emitting inline is fine for the test.
                    for (long i = 0; i < n && cancelled.getCount() > 0; i++) {
                        produced.addAndGet(CHUNK);
                        s.onNext(ByteBuffer.allocate(CHUNK));
                    }
                }

                @Override
                public void cancel() {
                    cancelled.countDown();
                }
            });
        }
    }

    @Test
    void anEndlessBodyIsProducedOnlyAsFastAsTheClientReads() throws Exception {
        Endless body = new Endless();
        try (Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                .idleTimeout(Duration.ofSeconds(30)).build(),
                request -> Async.ready(Response.stream(HttpStatus.OK, "application/octet-stream", body)));
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setReceiveBufferSize(64 * 1024);
            s.getOutputStream().write("GET /endless HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            long stalled = awaitStall(body.produced);
            assertTrue(stalled < 64L * 1024 * 1024, "produced " + stalled + " bytes for a client that reads nothing");
            // The client reads: production resumes.
            InputStream in = s.getInputStream();
            long toRead = stalled + 4L * 1024 * 1024;
            byte[] buf = new byte[64 * 1024];
            for (long got = 0; got < toRead; ) {
                int n = in.read(buf);
                assertTrue(n > 0);
                got += n;
            }
            assertTrue(body.produced.get() > stalled, "production did not resume");
            // The client resets: the stream is cancelled.
            s.setSoLinger(true, 0);
            s.close();
            assertTrue(body.cancelled.await(5, TimeUnit.SECONDS), "the response stream was not cancelled");
        }
    }

    /**
     * Waits until the count stops moving for a second; returns it. That production stops is the
     * claim under test, and there is no event for "the server will not ask for more": only a
     * quiet spell shows it, so this samples the count rather than waiting for a signal.
     */
    private static long awaitStall(AtomicLong count) throws InterruptedException {
        long last = -1;
        int still = 0;
        for (int i = 0; i < 200 && still < 4; i++) {
            Thread.sleep(250); // the sampling period of the quiet spell
            long now = count.get();
            still = now == last ? still + 1 : 0;
            last = now;
        }
        assertTrue(still >= 4, "production never stalled: " + count.get());
        return last;
    }
}
