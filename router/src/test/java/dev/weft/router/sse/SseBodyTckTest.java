package dev.weft.router.sse;

import dev.weft.router.internal.CollectingPublisherVerification;

import java.nio.ByteBuffer;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The Reactive Streams TCK (1.0.4) against the body of an event stream: one buffer per event, in
 * order, with the client's demand reaching the events' publisher.
 */
public class SseBodyTckTest extends CollectingPublisherVerification<ByteBuffer> {

    /** {@code elements} events, produced on demand. */
    private static Publisher<SseEvent> events(long elements) {
        return subscriber -> subscriber.onSubscribe(new Subscription() {
            private long sent;
            private long demand;
            private boolean emitting;
            private boolean done;

            @Override
            public void request(long n) {
                if (done) {
                    return;
                }
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                if (emitting) {
                    return; // the loop below picks the new demand up
                }
                emitting = true;
                while (demand > 0 && sent < elements && !done) {
                    demand--;
                    subscriber.onNext(SseEvent.data(Long.toString(sent++)));
                }
                if (sent == elements && !done) {
                    done = true;
                    subscriber.onComplete();
                }
                emitting = false;
            }

            @Override
            public void cancel() {
                done = true;
            }
        });
    }

    @Override
    public Publisher<ByteBuffer> createPublisher(long elements) {
        return new SseBody(events(elements), null);
    }

    @Override
    public Publisher<ByteBuffer> createFailedPublisher() {
        Publisher<SseEvent> failing = (Subscriber<? super SseEvent> s) -> {
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(new IllegalStateException("failed on purpose (expected by the TCK)"));
        };
        return new SseBody(failing, null);
    }
}
