package dev.weft.router.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;

/** {@link BodyPump}: one buffer at a time, copies kept until used, and an end that loses nothing. */
class BodyPumpTest {

    /** A body's subscription that records what it was asked. */
    private static final class Upstream implements Subscription {
        final List<Long> requests = new ArrayList<>();
        boolean cancelled;

        @Override
        public void request(long n) {
            requests.add(n);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void asksForOneBufferAtATimeAndKeepsACopyUntilTheStepUsesIt() {
        StringBuilder read = new StringBuilder();
        BodyPump[] pump = new BodyPump[1];
        pump[0] = new BodyPump(() -> {
            ByteBuffer b = pump[0].next();
            if (b != null) {
                read.append((char) b.get()); // uses one byte a step
            } else if (!pump[0].ended()) {
                pump[0].requestOne();
            }
        });
        Upstream up = new Upstream();
        pump[0].onSubscribe(up);
        assertEquals(List.of(1L), up.requests);
        pump[0].drain();
        assertEquals(List.of(1L), up.requests, "one request is on its way: no second one");

        ByteBuffer original = bytes("ab");
        pump[0].onNext(original);
        original.put(0, (byte) 'X'); // the body reuses its buffer once onNext returned
        assertEquals("a", read.toString());
        pump[0].drain();
        assertEquals("ab", read.toString());
        pump[0].drain(); // used up: now it asks for the next one
        assertEquals(List.of(1L, 1L), up.requests);
    }

    @Test
    void aBufferThatArrivesWithTheEndWhileTheStepLooksIsNotLost() {
        List<String> seen = new ArrayList<>();
        BodyPump[] pump = new BodyPump[1];
        boolean[] interleaved = {false};
        pump[0] = new BodyPump(() -> {
            for (;;) {
                ByteBuffer b = pump[0].next();
                if (b != null) {
                    seen.add(StandardCharsets.US_ASCII.decode(b).toString());
                    continue;
                }
                if (!interleaved[0]) {
                    // The body's last buffer and its end come from another thread between the
                    // step's look at the queue and its look at the end (here, in that gap).
                    interleaved[0] = true;
                    pump[0].onNext(bytes("last"));
                    pump[0].onComplete();
                }
                if (pump[0].ended()) {
                    seen.add("END");
                } else {
                    pump[0].requestOne();
                }
                return;
            }
        });
        pump[0].onSubscribe(new Upstream());
        assertEquals(List.of("last", "END"), seen);
    }

    @Test
    void aBodyOverTheLimitFailsWithoutKeepingTheBufferThatCrossedIt() {
        List<Object> seen = new ArrayList<>();
        BodyPump[] pump = new BodyPump[1];
        pump[0] = new BodyPump(() -> {
            if (pump[0].failure() != null) {
                seen.add(pump[0].failure());
                pump[0].cancel();
                return;
            }
            ByteBuffer b = pump[0].next();
            if (b != null) {
                seen.add(b.remaining());
                b.position(b.limit());
            } else {
                pump[0].requestOne();
            }
        }, 5, () -> new IllegalStateException("over 5 bytes"));
        Upstream up = new Upstream();
        pump[0].onSubscribe(up);
        pump[0].onNext(bytes("abc"));
        pump[0].onNext(bytes("def"));
        assertEquals(3, seen.get(0));
        assertInstanceOf(IllegalStateException.class, seen.get(1));
        assertEquals(2, seen.size(), "the buffer that crossed the limit was not given: " + seen);
        assertTrue(up.cancelled, "the body is cancelled");
        assertNull(pump[0].next());
    }

    @Test
    void anErrorEndsTheBodyAndIsKept() {
        BodyPump pump = new BodyPump(() -> { });
        Upstream up = new Upstream();
        pump.onSubscribe(up);
        IllegalStateException e = new IllegalStateException("reset");
        pump.onError(e);
        assertSame(e, pump.failure());
        assertTrue(pump.ended());
        pump.cancel();
        assertFalse(up.cancelled, "a body that ended is not cancelled");
    }

    @Test
    void aSecondSubscriptionIsCancelled() {
        BodyPump pump = new BodyPump(() -> { });
        Upstream first = new Upstream();
        Upstream second = new Upstream();
        pump.onSubscribe(first);
        pump.onSubscribe(second);
        assertTrue(second.cancelled);
        assertFalse(first.cancelled);
    }
}
