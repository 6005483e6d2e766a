package dev.weft.router.extract;

import dev.weft.router.internal.TckSupport;
import dev.weft.server.RequestBody;

import java.nio.ByteBuffer;

import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberWhiteboxVerification;

/**
 * The Reactive Streams TCK (1.0.4) against the subscriber a size-limited body puts on the body it
 * limits ({@link LimitedBody}), seen from inside. The limited body is subscribed by a reader that
 * only asks and cancels when the puppet says so; the limited body passes the subscription on, so
 * the reader's requests reach the TCK as they are. The limit (1 MiB) is not reached here.
 */
public class LimitedBodySubscriberTckTest extends SubscriberWhiteboxVerification<ByteBuffer> {

    public LimitedBodySubscriberTckTest() {
        super(TckSupport.environment());
    }

    @Override
    public Subscriber<ByteBuffer> createSubscriber(WhiteboxSubscriberProbe<ByteBuffer> probe) {
        return TckSupport.probedUpstreamOf(body -> new LimitedBody(RequestBody.of(body, -1), 1 << 20), probe);
    }

    @Override
    public ByteBuffer createElement(int element) {
        return ByteBuffer.allocate(4).putInt(0, element);
    }
}
