package dev.weft.router.test;

import dev.weft.router.internal.SubscriberRules;

import org.junit.jupiter.api.Test;

/** The Reactive Streams rules ExchangeCollectTckTest found broken in the test client's subscriber, pinned. */
class ExchangeTest {

    @Test
    void rule205ASecondSubscriptionIsCancelled() {
        SubscriberRules.assertCancelsASecondSubscription(new Exchange.Collect(s -> { }, null));
    }

    @Test
    void rule213NullsAreRefused() {
        SubscriberRules.assertRefusesNulls(() -> new Exchange.Collect(s -> { }, null));
    }
}
