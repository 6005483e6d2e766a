package dev.weft.router.sse;

import dev.weft.router.internal.RuntimePublisherVerification;
import dev.weft.router.internal.TckSupport;
import dev.weft.runtime.Poll;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The Reactive Streams TCK (1.0.4) against a stream of an {@link SseBroadcaster} (as the todo
 * example's feed): each subscriber follows a broadcaster of its own, to which tasks on a runtime
 * send events regardless of demand (as request handlers do), up to the broadcaster's capacity
 * ahead of what the subscriber has taken, then {@link SseBroadcaster#close()} it. So the stream's
 * queue fills while the subscriber does not ask, and the subscriber's requests and cancels race
 * with the sends.
 *
 * <p>The failed publisher is the broadcaster's own failure: a subscriber that falls more than the
 * capacity behind is dropped with an error.
 */
public class SseBroadcasterTckTest extends RuntimePublisherVerification<SseEvent> {
    private static final int CAPACITY = 4;

    public SseBroadcasterTckTest() {
        super("tck-broadcast");
    }

    @Override
    public Publisher<SseEvent> createPublisher(long elements) {
        return subscriber -> {
            SseBroadcaster feed = new SseBroadcaster(CAPACITY);
            if (subscriber == null) {
                feed.subscribe().subscribe(null); // rule 1.9: the broadcaster's stream must throw
                return;
            }
            Sender sender = new Sender(feed, elements);
            feed.subscribe().subscribe(new Counting(subscriber, sender));
            sender.sendMore();
        };
    }

    @Override
    public Publisher<SseEvent> createFailedPublisher() {
        return subscriber -> {
            SseBroadcaster feed = new SseBroadcaster(CAPACITY);
            feed.subscribe().subscribe(subscriber);
            for (int i = 0; i <= CAPACITY; i++) {
                feed.send(SseEvent.data("unread " + i));
            }
        };
    }

    /**
     * Sends {@code total} events, then closes, never more than {@link #CAPACITY} ahead of what the
     * subscriber has taken; one task at a time sends.
     */
    private final class Sender {
        private final SseBroadcaster feed;
        private final long total;
        private final AtomicLong taken = new AtomicLong();
        private final AtomicBoolean sending = new AtomicBoolean();
        private volatile long sent; // written only by the task that holds sending
        private boolean closed;

        Sender(SseBroadcaster feed, long total) {
            this.feed = feed;
            this.total = total;
        }

        void taken() {
            taken.incrementAndGet();
            sendMore();
        }

        void sendMore() {
            if (!sending.compareAndSet(false, true)) {
                return;
            }
            runtime().spawn("tck-sender", cx -> {
                while (sent < total && sent - taken.get() < CAPACITY) {
                    feed.send(SseEvent.data(Long.toString(sent)));
                    sent++;
                }
                if (sent == total && !closed) {
                    closed = true;
                    feed.close();
                }
                sending.set(false);
                if (sent < total && sent - taken.get() < CAPACITY) {
                    sendMore(); // the subscriber took more while this task was sending
                }
                return Poll.ready(null);
            });
        }
    }

    /** Passes every signal on, and tells the sender when the subscriber has taken an event. */
    private record Counting(Subscriber<? super SseEvent> downstream, Sender sender) implements Subscriber<SseEvent> {
        @Override
        public void onSubscribe(Subscription s) {
            downstream.onSubscribe(s);
        }

        @Override
        public void onNext(SseEvent event) {
            downstream.onNext(event);
            sender.taken();
        }

        @Override
        public void onError(Throwable t) {
            downstream.onError(t);
        }

        @Override
        public void onComplete() {
            downstream.onComplete();
        }
    }
}
