package dev.weft.router.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.internal.SubscriberRules;
import dev.weft.router.internal.TckSupport;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Poll;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** The Reactive Streams rules the TCK tests found broken in the body, pinned. */
class SseBodyTest {

    /** The subscriber that an event-stream body, subscribed by {@code client}, puts on its events. */
    private static Subscriber<? super SseEvent> upstream(TckSupport.Sink<ByteBuffer> client) {
        return TckSupport.upstreamOf(events -> new SseBody(events, null), client);
    }

    @Test
    void rule203TheEndOfTheEventsIsNotAnsweredWithACancel() {
        SubscriberRules.assertTheEndIsNotAnsweredOnTheSubscription(SseBodyTest::upstream);
    }

    @Test
    void rule205ASecondSubscriptionIsCancelled() {
        SubscriberRules.assertCancelsASecondSubscription(upstream(new TckSupport.Sink<>()));
    }

    /**
     * An event source that fails while the client is not reading: the error must reach the client
     * without a demand (rule 1.4). The keep-alive used to queue a comment nobody had asked for, and
     * the error waited behind it for a read that never came (the keep-alive TCK test failed so
     * under load, when a tick came between subscribing and the source's failure).
     */
    @Test
    void anErrorIsNotHeldBehindAKeepAliveTheClientDidNotAskFor() throws InterruptedException {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).name("sse-error").build()) {
            AtomicReference<Subscriber<? super SseEvent>> source = new AtomicReference<>();
            SseBody body = new SseBody(s -> {
                source.set(s);
                s.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
            }, Duration.ofMillis(1));
            CountDownLatch failed = new CountDownLatch(1);
            AtomicInteger comments = new AtomicInteger();
            rt.blockOn(cx -> {
                body.subscribe(new Subscriber<>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        // never requests: a client whose socket takes nothing
                    }

                    @Override
                    public void onNext(ByteBuffer item) {
                        comments.incrementAndGet();
                    }

                    @Override
                    public void onError(Throwable t) {
                        failed.countDown();
                    }

                    @Override
                    public void onComplete() {
                    }
                });
                return Poll.ready(null);
            });
            // Many keep-alive periods pass before the source fails.
            Thread.sleep(200);
            source.get().onError(new IllegalStateException("the source failed"));
            assertTrue(failed.await(30, TimeUnit.SECONDS), "the error never reached the client");
            assertEquals(0, comments.get(), "a comment went out without a demand");
        }
    }

    @Test
    void rule213NullsAreRefused() {
        SubscriberRules.assertRefusesNulls(() -> upstream(new TckSupport.Sink<>()));
    }
}
