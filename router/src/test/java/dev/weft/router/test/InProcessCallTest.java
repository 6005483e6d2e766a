package dev.weft.router.test;

import dev.weft.router.internal.SubscriberRules;

import org.junit.jupiter.api.Test;

/** The Reactive Streams rules InProcessCallCollectTckTest found broken in the test client's subscriber, pinned. */
class InProcessCallTest {

    @Test
    void rule205ASecondSubscriptionIsCancelled() {
        SubscriberRules.assertCancelsASecondSubscription(new InProcessCall.Collect(s -> { }, null));
    }

    @Test
    void rule213NullsAreRefused() {
        SubscriberRules.assertRefusesNulls(() -> new InProcessCall.Collect(s -> { }, null));
    }
}
