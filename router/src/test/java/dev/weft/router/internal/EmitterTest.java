package dev.weft.router.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Rules of the emitter that its TCK tests do not reach with a producer that waits for demand. */
class EmitterTest {

    @Test
    void rule309ANonPositiveRequestFailsAtOnceEvenWithItemsQueued() {
        // Found by SseBroadcasterTckTest and SseBodyKeepAliveTckTest, whose producers queue ahead.
        for (long n : new long[] {0, -1}) {
            TckSupport.Sink<String> subscriber = new TckSupport.Sink<>();
            Emitter<String> e = new Emitter<>(subscriber, 8);
            subscriber.onSubscribe(e);
            e.offer("sent before any demand");
            e.request(n);
            assertInstanceOf(IllegalArgumentException.class, subscriber.error(), "request(" + n + ")");
        }
    }

    @Test
    void rule313CancelLetsGoOfTheSubscriberWhileTheProducerKeepsTheEmitter() throws InterruptedException {
        // A producer (a task still running, a broadcaster's list) may keep its emitter long after
        // the subscriber cancelled: the emitter must not keep the subscriber reachable meanwhile.
        Emitter<?>[] producerHolds = new Emitter<?>[1];
        WeakReference<Object> subscriber = subscribeTakeOneAndCancel(producerHolds);
        awaitCollected(subscriber, "the subscriber, after it cancelled");
        assertSame(Emitter.class, producerHolds[0].getClass()); // still held: it is not what let go
    }

    @Test
    void completionLetsGoOfTheSubscriberToo() throws InterruptedException {
        Emitter<?>[] producerHolds = new Emitter<?>[1];
        WeakReference<Object> subscriber = subscribeAndComplete(producerHolds);
        awaitCollected(subscriber, "the subscriber, after it was told of completion");
        assertSame(Emitter.class, producerHolds[0].getClass());
    }

    private static WeakReference<Object> subscribeTakeOneAndCancel(Emitter<?>[] producerHolds) {
        TckSupport.Sink<String> subscriber = new TckSupport.Sink<>();
        Emitter<String> e = new Emitter<>(subscriber, 8);
        e.onDemand(() -> e.offer("one"));
        subscriber.onSubscribe(e);
        producerHolds[0] = e;
        e.request(1);
        subscriber.subscription().cancel();
        return new WeakReference<>(subscriber);
    }

    private static WeakReference<Object> subscribeAndComplete(Emitter<?>[] producerHolds) {
        TckSupport.Sink<String> subscriber = new TckSupport.Sink<>();
        Emitter<String> e = new Emitter<>(subscriber, 8);
        subscriber.onSubscribe(e);
        producerHolds[0] = e;
        e.complete();
        return new WeakReference<>(subscriber);
    }

    /** Collects garbage until {@code ref} is cleared; fails after 10 s. */
    static void awaitCollected(WeakReference<?> ref, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ref.get() != null) {
            if (System.nanoTime() - deadline > 0) {
                fail(what + " is still reachable after 10 s of collections");
            }
            System.gc();
            Thread.sleep(10);
        }
    }
}
