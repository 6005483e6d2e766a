package dev.weft.router.sse;

import dev.weft.router.internal.TckSupport;

import java.nio.ByteBuffer;

import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberWhiteboxVerification;

/**
 * The Reactive Streams TCK (1.0.4) against the subscriber an event-stream body puts on its events
 * ({@code SseBody.Upstream}), seen from inside. The body is subscribed by a client that only asks
 * and cancels when the puppet says so; the events' publisher is the TCK, which gets the body's
 * subscriber handed over. A client's request reaches the events as a request of a few ahead.
 */
public class SseBodyUpstreamTckTest extends SubscriberWhiteboxVerification<SseEvent> {

    public SseBodyUpstreamTckTest() {
        super(TckSupport.environment());
    }

    @Override
    public Subscriber<SseEvent> createSubscriber(WhiteboxSubscriberProbe<SseEvent> probe) {
        return TckSupport.probedUpstreamOf(events -> new SseBody(events, null), probe);
    }

    @Override
    public SseEvent createElement(int element) {
        return SseEvent.data(Integer.toString(element));
    }
}
