package dev.weft.router.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;
import java.util.function.Supplier;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Focused checks of subscriber rules that the TCK found broken, for unit tests that pin each fix
 * to the type it was made in.
 */
public final class SubscriberRules {
    private SubscriberRules() {
    }

    /** A subscription that counts what it is asked. */
    public static final class Counting implements Subscription {
        private long requested;
        private int cancels;

        @Override
        public synchronized void request(long n) {
            requested += n;
        }

        @Override
        public synchronized void cancel() {
            cancels++;
        }

        /** The sum of all requests. */
        public synchronized long requested() {
            return requested;
        }

        /** How often it was cancelled. */
        public synchronized int cancels() {
            return cancels;
        }
    }

    /** Rule 2.5: a second subscription is cancelled, and the first is kept. */
    public static void assertCancelsASecondSubscription(Subscriber<?> subscriber) {
        Counting first = new Counting();
        Counting second = new Counting();
        subscriber.onSubscribe(first);
        subscriber.onSubscribe(second);
        assertEquals(1, second.cancels(), "the second subscription is cancelled (rule 2.5)");
        assertEquals(0, second.requested(), "nothing is asked of the second subscription");
        assertEquals(0, first.cancels(), "the first subscription is kept");
    }

    /**
     * Rule 2.3: a wrapper's subscriber, made by {@code upstreamFor} for a client that has asked
     * for one element, neither requests nor cancels when its source completes or fails.
     */
    public static <U, D> void assertTheEndIsNotAnsweredOnTheSubscription(
            Function<TckSupport.Sink<D>, Subscriber<? super U>> upstreamFor) {
        for (boolean fails : new boolean[] {false, true}) {
            TckSupport.Sink<D> client = new TckSupport.Sink<>();
            Subscriber<? super U> upstream = upstreamFor.apply(client);
            Counting source = new Counting();
            upstream.onSubscribe(source);
            client.subscription().request(1);
            long requested = source.requested();
            if (fails) {
                upstream.onError(new IllegalStateException("the source failed"));
            } else {
                upstream.onComplete();
            }
            String signal = fails ? "onError" : "onComplete";
            assertEquals(0, source.cancels(), "no cancel from " + signal);
            assertEquals(requested, source.requested(), "no request from " + signal);
        }
    }

    /** Rule 2.13: a null subscription and a null error are refused with NullPointerException. */
    public static void assertRefusesNulls(Supplier<? extends Subscriber<?>> fresh) {
        assertThrows(NullPointerException.class, () -> fresh.get().onSubscribe(null), "onSubscribe(null)");
        Subscriber<?> subscribed = fresh.get();
        subscribed.onSubscribe(new Counting());
        assertThrows(NullPointerException.class, () -> subscribed.onError(null), "onError(null)");
    }
}
