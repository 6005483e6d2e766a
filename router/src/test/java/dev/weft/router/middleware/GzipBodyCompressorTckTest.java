package dev.weft.router.middleware;

import dev.weft.router.internal.TckSupport;

import java.nio.ByteBuffer;

import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberWhiteboxVerification;

/**
 * The Reactive Streams TCK (1.0.4) against the subscriber a gzip body puts on the plain body
 * ({@code GzipBody.Compressor}), seen from inside. The gzip body is subscribed by a client that
 * only asks and cancels when the puppet says so; the plain body is the TCK, which gets the
 * compressor handed over. Each buffer the client asks for becomes a request of one plain buffer.
 */
public class GzipBodyCompressorTckTest extends SubscriberWhiteboxVerification<ByteBuffer> {

    public GzipBodyCompressorTckTest() {
        super(TckSupport.environment());
    }

    @Override
    public Subscriber<ByteBuffer> createSubscriber(WhiteboxSubscriberProbe<ByteBuffer> probe) {
        return TckSupport.probedUpstreamOf(GzipBody::new, probe);
    }

    @Override
    public ByteBuffer createElement(int element) {
        return ByteBuffer.wrap(("line " + element + "\n").getBytes());
    }
}
