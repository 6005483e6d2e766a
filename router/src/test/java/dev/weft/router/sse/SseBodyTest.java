package dev.weft.router.sse;

import dev.weft.router.internal.SubscriberRules;
import dev.weft.router.internal.TckSupport;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;

/** The Reactive Streams rules SseBodyUpstreamTckTest found broken in the body's subscriber, pinned. */
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

    @Test
    void rule213NullsAreRefused() {
        SubscriberRules.assertRefusesNulls(() -> upstream(new TckSupport.Sink<>()));
    }
}
