package dev.weft.server;

import java.nio.ByteBuffer;

import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberWhiteboxVerification;

/**
 * The Reactive Streams TCK (1.0.4) against the subscriber that buffers a whole request body
 * ({@link BodyCollector}, behind {@code bytes()}, {@code text()} and {@code discard()}), seen from
 * inside: a probe records the signals it receives. It asks for everything when subscribed, so the
 * puppet's {@code triggerRequest} has nothing left to do; its {@code signalCancel} is what aborting
 * the reading task does, {@link BodyCollector#cancel()}.
 */
public class BodyCollectorTckTest extends SubscriberWhiteboxVerification<ByteBuffer> {

    public BodyCollectorTckTest() {
        super(Tck.environment());
    }

    @Override
    public Subscriber<ByteBuffer> createSubscriber(WhiteboxSubscriberProbe<ByteBuffer> probe) {
        // The TCK subscribes the collector itself: the body it would subscribe to on first poll is not used.
        BodyCollector<byte[]> inner = new BodyCollector<>(RequestBody.empty(), 1 << 20, bytes -> bytes);
        // It requested Long.MAX_VALUE in onSubscribe, so a request has nothing left to do;
        // a cancel is what aborting the reading task does.
        return Tck.probed(inner, probe, () -> { }, inner::cancel);
    }

    @Override
    public ByteBuffer createElement(int element) {
        return ByteBuffer.allocate(4).putInt(0, element);
    }
}
