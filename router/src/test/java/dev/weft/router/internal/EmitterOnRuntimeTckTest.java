package dev.weft.router.internal;

import org.reactivestreams.Publisher;

/**
 * The Reactive Streams TCK (1.0.4) against {@link Emitter} fed from another thread: each element
 * is offered by a task on a two-worker runtime when the subscriber wants more
 * ({@link TckSupport#onRuntime}), so offers and the subscriber's requests and cancels race, as
 * they do for a handler's publisher. {@link EmitterTckTest} feeds it on the requesting thread.
 */
public class EmitterOnRuntimeTckTest extends RuntimePublisherVerification<Long> {
    public EmitterOnRuntimeTckTest() {
        super("tck-emitter");
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return TckSupport.onRuntime(runtime(), elements, i -> i);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return TckSupport.failing(new IllegalStateException("failed on purpose (expected by the TCK)"));
    }
}
