package dev.weft.server;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The Reactive Streams TCK (1.0.4) against a request body streamed from a publisher
 * ({@link PublisherBody}, made by {@code RequestBody.of(publisher, length)}). The body hands each
 * subscriber to its publisher as it is, so this checks that nothing is lost on the way, over
 * {@link Range}, a rule-abiding source written here; the same run verifies that source.
 */
public class PublisherBodyTckTest extends CollectingPublisherVerification<ByteBuffer> {
    @Override
    public Publisher<ByteBuffer> createPublisher(long elements) {
        return RequestBody.of(new Range(elements), -1);
    }

    @Override
    public Publisher<ByteBuffer> createFailedPublisher() {
        return RequestBody.of(s -> {
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(new BodyReadException(new java.io.EOFException("failed on purpose (expected by the TCK)")));
        }, -1);
    }

    /**
     * {@code count} buffers, each holding its index, then completion. Emits on the thread that
     * requests; a work-in-progress counter lets one thread emit at a time (rule 1.3) and turns a
     * request from {@code onNext} into more demand for the running loop rather than a recursion
     * (rule 3.3).
     */
    static final class Range implements Publisher<ByteBuffer> {
        private final long count;

        Range(long count) {
            this.count = count;
        }

        @Override
        public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
            Objects.requireNonNull(subscriber, "subscriber");
            RangeSubscription s = new RangeSubscription(subscriber, count);
            subscriber.onSubscribe(s);
            s.drain(); // an empty range completes without demand
        }
    }

    private static final class RangeSubscription implements Subscription {
        private final Subscriber<? super ByteBuffer> downstream;
        private final long count;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean done;
        private volatile IllegalArgumentException invalid;
        private long index; // only touched by the thread that holds wip

        RangeSubscription(Subscriber<? super ByteBuffer> downstream, long count) {
            this.downstream = downstream;
            this.count = count;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                invalid = new IllegalArgumentException("rule 3.9: request(" + n + ")");
            } else {
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            }
            drain();
        }

        @Override
        public void cancel() {
            done = true;
        }

        void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (done) {
                    return;
                }
                if (invalid != null) {
                    done = true;
                    downstream.onError(invalid);
                    return;
                }
                long requested = demand.get();
                long emitted = 0;
                while (emitted != requested && index < count && !done) {
                    downstream.onNext(ByteBuffer.allocate(8).putLong(0, index++));
                    emitted++;
                }
                if (emitted > 0 && requested != Long.MAX_VALUE) {
                    demand.addAndGet(-emitted);
                }
                if (index == count && !done) {
                    done = true;
                    downstream.onComplete();
                    return;
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }
    }
}
