package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.AsyncRuntime;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;

/** Buffering a request body up to a limit. */
class BodyCollectorTest {

    /** A publisher that answers the first request with {@code content} in one buffer. */
    private static Publisher<ByteBuffer> oneBuffer(byte[] content, AtomicBoolean subscribed) {
        return s -> {
            subscribed.set(true);
            s.onSubscribe(new Subscription() {
                boolean done;

                @Override
                public void request(long n) {
                    if (!done) {
                        done = true;
                        s.onNext(ByteBuffer.wrap(content));
                        s.onComplete();
                    }
                }

                @Override
                public void cancel() {
                    done = true;
                }
            });
        };
    }

    @Test
    void anAnnouncedLengthOverTheLimitFailsWithoutAllocatingThatMuch() {
        AtomicBoolean subscribed = new AtomicBoolean();
        RequestBody body = RequestBody.of(oneBuffer(new byte[2000], subscribed), 10L << 30);
        try (AsyncRuntime rt = AsyncRuntime.currentThread()) {
            BodyTooLargeException e = assertThrows(BodyTooLargeException.class, () -> rt.blockOn(body.bytes(1024)));
            assertEquals(1024, e.limit());
        }
        // Read up to the limit (see BodyCollector: refusing before reading loses the 413 in some
        // clients), and a 10 GiB announcement did not make the collector reserve 10 GiB.
        assertTrue(subscribed.get());
    }

    @Test
    void anAnnouncedLengthWithinTheLimitIsCollected() {
        byte[] content = "twelve bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        RequestBody body = RequestBody.of(oneBuffer(content, new AtomicBoolean()), content.length);
        try (AsyncRuntime rt = AsyncRuntime.currentThread()) {
            assertArrayEquals(content, rt.blockOn(body.bytes(1024)));
            assertEquals("twelve bytes", rt.blockOn(RequestBody.of(oneBuffer(content, new AtomicBoolean()), -1).text()));
        }
    }

    @Test
    void aBodyLongerThanItsLimitFailsWhileStreamingWhenTheLengthIsUnknown() {
        RequestBody body = RequestBody.of(oneBuffer(new byte[2000], new AtomicBoolean()), -1);
        try (AsyncRuntime rt = AsyncRuntime.currentThread()) {
            assertThrows(BodyTooLargeException.class, () -> rt.blockOn(body.bytes(1024)));
        }
    }

    @Test
    void aNullErrorIsRefusedRatherThanLeavingTheReaderWaiting() {
        // Rule 2.13; found by BodyCollectorTckTest.
        BodyCollector<byte[]> collector = new BodyCollector<>(RequestBody.empty(), 1024, b -> b);
        assertThrows(NullPointerException.class, () -> collector.onError(null));
    }
}
