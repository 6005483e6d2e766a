package dev.weft.router.extract;

import dev.weft.router.internal.SubscriberRules;
import dev.weft.router.internal.TckSupport;
import dev.weft.server.RequestBody;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;

/** The Reactive Streams rules LimitedBodySubscriberTckTest found broken, pinned. */
class LimitedBodyTest {

    /** The subscriber that a limited body, subscribed by a reader, puts on the body it limits. */
    private static Subscriber<? super ByteBuffer> limiter() {
        return TckSupport.upstreamOf(body -> new LimitedBody(RequestBody.of(body, -1), 1024), new TckSupport.Sink<>());
    }

    @Test
    void rule205ASecondSubscriptionIsCancelled() {
        SubscriberRules.assertCancelsASecondSubscription(limiter());
    }

    @Test
    void rule213NullsAreRefused() {
        SubscriberRules.assertRefusesNulls(LimitedBodyTest::limiter);
    }
}
