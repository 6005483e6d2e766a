package dev.weft.router.internal;

import org.reactivestreams.Publisher;

/**
 * The Reactive Streams TCK (1.0.4) against {@link Emitter}, the queue-and-demand core of the
 * router's publishers (event streams, the SSE broadcaster, gzip bodies). Elements are produced
 * only when the subscriber asks, as the router's producers do.
 */
public class EmitterTckTest extends CollectingPublisherVerification<Long> {

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return TckSupport.onDemand(elements, i -> i);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return TckSupport.failing(new IllegalStateException("failed on purpose (expected by the TCK)"));
    }
}
