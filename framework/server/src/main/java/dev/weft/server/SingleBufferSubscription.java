package dev.weft.server;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Emits one buffer (none when it is empty) and completes, following the Reactive Streams rules:
 * no emission without demand, re-entrant {@code request} from {@code onNext} is safe, a
 * non-positive request signals {@code onError} (rule 3.9), and nothing follows a cancel.
 */
final class SingleBufferSubscription implements Subscription {
    private static final int WAITING = 0;
    private static final int EMITTING = 1;
    private static final int DONE = 2;

    private final Subscriber<? super ByteBuffer> subscriber;
    private final ByteBuffer buffer;
    private final AtomicInteger state = new AtomicInteger(WAITING);

    SingleBufferSubscription(Subscriber<? super ByteBuffer> subscriber, ByteBuffer buffer) {
        this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
        this.buffer = buffer;
    }

    void start() {
        subscriber.onSubscribe(this);
        if (!buffer.hasRemaining() && state.compareAndSet(WAITING, DONE)) {
            subscriber.onComplete();
        }
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            if (state.getAndSet(DONE) != DONE) {
                subscriber.onError(new IllegalArgumentException(
                        "Reactive Streams rule 3.9: request(" + n + ") is not positive"));
            }
            return;
        }
        if (state.compareAndSet(WAITING, EMITTING)) {
            subscriber.onNext(buffer);
            if (state.compareAndSet(EMITTING, DONE)) {
                subscriber.onComplete();
            }
        }
    }

    @Override
    public void cancel() {
        state.set(DONE);
    }
}
