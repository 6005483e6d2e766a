package dev.weft.server;

import java.nio.ByteBuffer;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;

/**
 * The Reactive Streams TCK (1.0.4) against a request body held in memory ({@link BufferBody} and
 * its {@link SingleBufferSubscription}): one read-only buffer, or none for an empty body, then
 * completion.
 *
 * <p>Such a body has at most one element, so {@link #maxElementsFromPublisher()} is 1 and the TCK
 * skips, by its own rule, every test that needs a longer stream (3, 5, 6, 10 or 20 elements: rules
 * 1.1, 1.2, 1.3, 1.5, 3.2, 3.3, 3.6, 3.9, 3.12, 3.13, 3.17). Those that still apply to a single
 * element are checked directly in {@link SingleBufferSubscriptionTest}.
 */
public class BufferBodyTckTest extends PublisherVerification<ByteBuffer> {
    public BufferBodyTckTest() {
        super(Tck.environment(), Tck.NO_SIGNAL_MILLIS);
    }

    @Override
    public Publisher<ByteBuffer> createPublisher(long elements) {
        return elements == 0 ? RequestBody.empty() : RequestBody.of(new byte[] {1, 2, 3, 4});
    }

    /** Bytes already in memory cannot fail: the tests of a failed publisher are skipped. */
    @Override
    public Publisher<ByteBuffer> createFailedPublisher() {
        return null;
    }

    /** One buffer, or none when the body is empty. */
    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }
}
