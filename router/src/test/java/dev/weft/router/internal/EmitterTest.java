package dev.weft.router.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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
}
