package dev.weft.router.test;

import dev.weft.router.internal.TckSupport;

import java.nio.ByteBuffer;

import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberWhiteboxVerification;

/**
 * The Reactive Streams TCK (1.0.4) against the subscriber with which the in-process test client
 * reads a streamed response ({@code InProcessCall.Collect}), seen from inside. It asks for everything
 * when subscribed, so the puppet's {@code triggerRequest} has nothing left to do; its
 * {@code signalCancel} is what a timeout or a satisfied {@code enough} does, cancelling the reading.
 */
public class InProcessCallCollectTckTest extends SubscriberWhiteboxVerification<ByteBuffer> {

    public InProcessCallCollectTckTest() {
        super(TckSupport.environment());
    }

    @Override
    public Subscriber<ByteBuffer> createSubscriber(WhiteboxSubscriberProbe<ByteBuffer> probe) {
        // The TCK subscribes the collector itself: the body it would subscribe to on first poll is not used.
        InProcessCall.Collect inner = new InProcessCall.Collect(s -> { }, null);
        return TckSupport.probed(inner, probe, new SubscriberPuppet() {
            @Override
            public void triggerRequest(long elements) {
                // It requested Long.MAX_VALUE in onSubscribe.
            }

            @Override
            public void signalCancel() {
                inner.cancel();
            }
        });
    }

    @Override
    public ByteBuffer createElement(int element) {
        return ByteBuffer.allocate(4).putInt(0, element);
    }
}
