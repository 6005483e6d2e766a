package dev.weft.router.multipart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weft.server.RequestBody;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The multipart stream with its signals on different threads at once, as on a server: the
 * request body emits on one thread, part bodies are requested from others, next() from yet
 * another. Every byte must arrive in order, exactly once, across many runs with random chunking.
 */
class MultipartStreamStressTest {
    static final String B = "stress-boundary";

    @Test
    void signalsFromManyThreadsLoseNothing() throws Exception {
        ExecutorService upstreamThread = Executors.newSingleThreadExecutor();
        ExecutorService requesters = Executors.newFixedThreadPool(3);
        try {
            Random rnd = new Random(77);
            for (int run = 0; run < 150; run++) {
                byte[][] parts = new byte[1 + rnd.nextInt(4)][];
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = new byte[rnd.nextInt(40_000)];
                    rnd.nextBytes(parts[i]);
                    body.writeBytes(("--" + B + "\r\nContent-Disposition: form-data; name=\"p" + i + "\"\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    body.writeBytes(parts[i]);
                    body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                body.writeBytes(("--" + B + "--\r\n").getBytes(StandardCharsets.US_ASCII));
                RequestBody request = RequestBody.of(new Chunked(body.toByteArray(), rnd.nextLong(), upstreamThread), -1);
                MultipartStream stream = new MultipartStream(request, B, MultipartLimits.defaults());
                for (int i = 0; i < parts.length; i++) {
                    Part p = stream.next().get(30, TimeUnit.SECONDS);
                    assertEquals("p" + i, p.name());
                    assertArrayEquals(parts[i], read(p, requesters), "run " + run + " part " + i);
                }
                assertNull(stream.next().get(30, TimeUnit.SECONDS));
            }
        } finally {
            upstreamThread.shutdownNow();
            requesters.shutdownNow();
        }
    }

    /** Reads a part's body, each request(1) made from one of {@code requesters}. */
    private static byte[] read(Part p, ExecutorService requesters) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        p.body().subscribe(new Subscriber<ByteBuffer>() {
            Subscription s;

            @Override
            public void onSubscribe(Subscription s) {
                this.s = s;
                requesters.execute(() -> s.request(1));
            }

            @Override
            public void onNext(ByteBuffer b) {
                byte[] a = new byte[b.remaining()];
                b.get(a);
                synchronized (out) {
                    out.writeBytes(a);
                }
                requesters.execute(() -> s.request(1));
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(30, TimeUnit.SECONDS);
        synchronized (out) {
            return out.toByteArray();
        }
    }

    /** {@code bytes} in random pieces, each emitted on {@code thread} once requested. */
    record Chunked(byte[] bytes, long seed, ExecutorService thread) implements Publisher<ByteBuffer> {
        @Override
        public void subscribe(Subscriber<? super ByteBuffer> s) {
            Random rnd = new Random(seed);
            AtomicLong pos = new AtomicLong();
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    // One piece per request; the executor's single thread keeps signals serial.
                    thread.execute(() -> {
                        int at = (int) pos.get();
                        if (at == bytes.length) {
                            if (pos.getAndSet(-1) == at) {
                                s.onComplete();
                            }
                            return;
                        }
                        if (at < 0) {
                            return;
                        }
                        int len = Math.min(1 + rnd.nextInt(9000), bytes.length - at);
                        pos.set(at + len);
                        s.onNext(ByteBuffer.wrap(Arrays.copyOfRange(bytes, at, at + len)));
                    });
                }

                @Override
                public void cancel() {
                    pos.set(-1);
                }
            });
        }
    }
}
