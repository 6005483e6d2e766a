package dev.weft.server;

import java.util.Objects;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Helpers for writing a {@link org.reactivestreams.Publisher} by hand, such as a streamed
 * response body ({@link ResponseBody#stream}) or a request body that wraps another.
 *
 * <p>Most bodies can be read once: a socket, a file being read, a decoder's state. Such a
 * publisher still has to answer a second {@code subscribe} the way the Reactive Streams
 * specification asks, which {@link #refuseSubscriber} does:
 * <pre>{@code
 * final class OnceBody implements Publisher<ByteBuffer> {
 *     private final AtomicBoolean subscribed = new AtomicBoolean();
 *
 *     public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
 *         Objects.requireNonNull(subscriber, "Reactive Streams rule 1.9: subscriber must not be null");
 *         if (!subscribed.compareAndSet(false, true)) {
 *             Publishers.refuseSubscriber(subscriber, "this body can be subscribed to once");
 *             return;
 *         }
 *         subscriber.onSubscribe(new Reading(subscriber));
 *     }
 * }
 * }</pre>
 */
public final class Publishers {
    private Publishers() {
    }

    /**
     * Refuses {@code subscriber} as the specification asks of a publisher that cannot serve it
     * (one already subscribed to, a body already thrown away): {@code subscribe} returns
     * normally (rule 1.9), the subscriber gets {@code onSubscribe} with a subscription that
     * ignores its requests and cancel (rules 1.9 and 2.5: a subscriber is always told its
     * subscription first), then {@code onError} with an {@link IllegalStateException} saying
     * {@code why}. No other signal follows.
     *
     * @param subscriber the subscriber to turn away, not null
     * @param why        the message of the error it gets, saying what it cannot have
     */
    public static void refuseSubscriber(Subscriber<?> subscriber, String why) {
        Objects.requireNonNull(subscriber, "Reactive Streams rule 1.9: subscriber must not be null");
        subscriber.onSubscribe(Refused.INSTANCE);
        subscriber.onError(new IllegalStateException(why));
    }

    /** The subscription a refused subscriber gets: nothing will come, so requests and cancel are ignored. */
    private enum Refused implements Subscription {
        INSTANCE;

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }
}
