package dev.weft.router.internal;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;

/**
 * The Reactive Streams TCK (1.0.4) against {@link Emitter}, the queue-and-demand core of the
 * router's publishers (event streams, the SSE broadcaster, gzip bodies). Elements are produced
 * only when the subscriber asks, as the router's producers do.
 */
public class EmitterTckTest extends PublisherVerification<Long> {

    public EmitterTckTest() {
        super(new TestEnvironment(300), 300);
    }

    /** A publisher of {@code 0 .. elements-1}, each produced on demand, then completion. */
    static Publisher<Long> counting(long elements) {
        return subscriber -> {
            Emitter<Long> e = new Emitter<>(subscriber, Integer.MAX_VALUE);
            long[] next = {0};
            e.onDemand(() -> {
                if (next[0] < elements) {
                    e.offer(next[0]++);
                } else {
                    e.complete();
                }
            });
            subscriber.onSubscribe(e);
            if (elements == 0) {
                e.complete();
            }
        };
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return counting(elements);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return subscriber -> {
            Emitter<Long> e = new Emitter<>(subscriber, Integer.MAX_VALUE);
            subscriber.onSubscribe(e);
            e.fail(new IllegalStateException("failed on purpose (expected by the TCK)"));
        };
    }
}
