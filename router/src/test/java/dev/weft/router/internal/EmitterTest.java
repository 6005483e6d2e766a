package dev.weft.router.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.ref.WeakReference;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** Rules of the emitter that its TCK tests do not reach with a producer that waits for demand. */
class EmitterTest {

    @Test
    void rule309ANonPositiveRequestFailsAtOnceEvenWithItemsQueued() {
        // Found by SseBroadcasterTckTest and SseBodyKeepAliveTckTest, whose producers queue ahead.
        for (long n : new long[] {0, -1}) {
            TckSupport.Sink<String> subscriber = new TckSupport.Sink<>();
            Emitter<String> e = new Emitter<>(subscriber, 8);
            e.subscribe();
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

    @Test
    void rule103NoItemOvertakesOnSubscribeWhenAProducerOffersFromAnotherThread() throws Exception {
        // Found by EmitterOnRuntimeTckTest in a CI run: the demand asked inside onSubscribe started
        // a producer task on another worker, whose item reached onNext while onSubscribe still ran.
        // Here a producer thread offers while onSubscribe, having asked for one item, waits for it
        // to have done so. (Demand asked inside onSubscribe now reaches onDemand only after
        // onSubscribe returns; a producer already running, as a broadcaster's is, can still offer.)
        AtomicReference<String> problem = new AtomicReference<>();
        AtomicReference<String> received = new AtomicReference<>();
        CountDownLatch offered = new CountDownLatch(1);
        AtomicReference<Emitter<String>> emitter = new AtomicReference<>();
        Subscriber<String> subscriber = new Subscriber<>() {
            private volatile boolean inOnSubscribe;

            @Override
            public void onSubscribe(Subscription s) {
                inOnSubscribe = true;
                s.request(1);
                Thread.ofPlatform().name("producer").start(() -> {
                    emitter.get().offer("made on another thread");
                    offered.countDown();
                });
                try {
                    if (!offered.await(10, TimeUnit.SECONDS)) {
                        problem.set("the producer did not offer within 10 s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inOnSubscribe = false;
            }

            @Override
            public void onNext(String item) {
                if (inOnSubscribe) {
                    problem.set("onNext(" + item + ") on " + Thread.currentThread().getName() + " while onSubscribe ran");
                }
                received.set(item);
            }

            @Override
            public void onError(Throwable t) {
                problem.set("onError: " + t);
            }

            @Override
            public void onComplete() {
            }
        };
        Emitter<String> e = new Emitter<>(subscriber, 8);
        emitter.set(e);
        e.subscribe();
        assertEquals(null, problem.get());
        assertEquals("made on another thread", received.get(), "delivered once onSubscribe returned");
        assertTrue(e.isIdle());
    }

    private static WeakReference<Object> subscribeTakeOneAndCancel(Emitter<?>[] producerHolds) {
        TckSupport.Sink<String> subscriber = new TckSupport.Sink<>();
        Emitter<String> e = new Emitter<>(subscriber, 8);
        e.onDemand(() -> e.offer("one"));
        e.subscribe();
        producerHolds[0] = e;
        e.request(1);
        subscriber.subscription().cancel();
        return new WeakReference<>(subscriber);
    }

    private static WeakReference<Object> subscribeAndComplete(Emitter<?>[] producerHolds) {
        TckSupport.Sink<String> subscriber = new TckSupport.Sink<>();
        Emitter<String> e = new Emitter<>(subscriber, 8);
        e.subscribe();
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
