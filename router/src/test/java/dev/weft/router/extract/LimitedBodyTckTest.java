package dev.weft.router.extract;

import dev.weft.router.internal.RuntimePublisherVerification;
import dev.weft.router.internal.TckSupport;
import dev.weft.server.RequestBody;

import java.nio.ByteBuffer;

import org.reactivestreams.Publisher;

/**
 * The Reactive Streams TCK (1.0.4) against a request body under a size limit ({@link LimitedBody},
 * the body-limit layer's wrapper for bodies of unknown length), over a body whose 8-byte buffers
 * are made by tasks on a runtime as they are asked for. Each finite body is exactly at its limit,
 * the largest it lets through; an endless one has no limit.
 */
public class LimitedBodyTckTest extends RuntimePublisherVerification<ByteBuffer> {
    public LimitedBodyTckTest() {
        super("tck-limited");
    }

    @Override
    public Publisher<ByteBuffer> createPublisher(long elements) {
        long limit = elements >= Long.MAX_VALUE / 8 ? Long.MAX_VALUE : elements * 8;
        RequestBody body = RequestBody.of(TckSupport.onRuntime(runtime(), elements, i -> ByteBuffer.allocate(8).putLong(0, i)), -1);
        return new LimitedBody(body, limit);
    }

    @Override
    public Publisher<ByteBuffer> createFailedPublisher() {
        RequestBody body = RequestBody.of(TckSupport.failing(new IllegalStateException("failed on purpose (expected by the TCK)")), -1);
        return new LimitedBody(body, 1024);
    }
}
