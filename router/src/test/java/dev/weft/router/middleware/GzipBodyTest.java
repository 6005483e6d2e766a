package dev.weft.router.middleware;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.weft.router.internal.SubscriberRules;
import dev.weft.router.internal.TckSupport;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;

/** The Reactive Streams rules GzipBodyTckTest and GzipBodyCompressorTckTest found broken, pinned. */
class GzipBodyTest {

    /** The compressor of a gzip body that {@code client} subscribed to. */
    private static Subscriber<? super ByteBuffer> compressor(TckSupport.Sink<ByteBuffer> client) {
        return TckSupport.upstreamOf(GzipBody::new, client);
    }

    @Test
    void rule109ASecondSubscriberIsRefusedWithOnErrorNotAThrow() {
        GzipBody body = new GzipBody(TckSupport.onDemand(1, i -> ByteBuffer.allocate(1)));
        body.subscribe(new TckSupport.Sink<>());
        TckSupport.Sink<ByteBuffer> second = new TckSupport.Sink<>();
        body.subscribe(second);
        assertNotNull(second.subscription(), "onSubscribe first");
        assertInstanceOf(IllegalStateException.class, second.error());
    }

    @Test
    void rule203TheEndOfThePlainBodyIsNotAnsweredWithACancel() {
        SubscriberRules.assertTheEndIsNotAnsweredOnTheSubscription(GzipBodyTest::compressor);
    }

    @Test
    void rule205ASecondSubscriptionIsCancelled() {
        SubscriberRules.assertCancelsASecondSubscription(compressor(new TckSupport.Sink<>()));
    }

    @Test
    void rule213NullsAreRefused() {
        SubscriberRules.assertRefusesNulls(() -> compressor(new TckSupport.Sink<>()));
    }
}
