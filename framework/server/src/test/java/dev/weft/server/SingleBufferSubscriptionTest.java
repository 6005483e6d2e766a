package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The Reactive Streams rules that the TCK checks only on streams of 3 or more elements (see
 * {@link BufferBodyTckTest}), checked on the one-buffer body.
 */
@Tag("transport-independent")
class SingleBufferSubscriptionTest {

    /** Records every signal as a string; requests nothing by itself. */
    private static final class Recorder implements Subscriber<ByteBuffer> {
        final List<String> signals = new ArrayList<>();
        Subscription subscription;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            signals.add("subscribe");
        }

        @Override
        public void onNext(ByteBuffer b) {
            signals.add("next " + b.remaining());
        }

        @Override
        public void onError(Throwable t) {
            signals.add("error " + t.getClass().getSimpleName());
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }
    }

    private static Recorder subscribe(RequestBody body) {
        Recorder r = new Recorder();
        body.subscribe(r);
        return r;
    }

    @Test
    void rule309ARequestOfZeroOrLessSignalsIllegalArgumentException() {
        for (long n : new long[] {0, -1, Long.MIN_VALUE}) {
            Recorder r = subscribe(RequestBody.of(new byte[4]));
            r.subscription.request(n);
            assertEquals(List.of("subscribe", "error IllegalArgumentException"), r.signals, "request(" + n + ")");
            r.subscription.request(1);
            assertEquals(2, r.signals.size(), "nothing after the error (rule 1.7)");
        }
    }

    @Test
    void rule306RequestsAfterCancelAreNoOps() {
        Recorder r = subscribe(RequestBody.of(new byte[4]));
        r.subscription.cancel();
        r.subscription.request(1);
        r.subscription.request(-1);
        r.subscription.cancel();
        assertEquals(List.of("subscribe"), r.signals);
    }

    @Test
    void rule317DemandUpToLongMaxValueAndBeyondIsFine() {
        Recorder r = subscribe(RequestBody.of(new byte[4]));
        r.subscription.request(Long.MAX_VALUE);
        r.subscription.request(Long.MAX_VALUE);
        assertEquals(List.of("subscribe", "next 4", "complete"), r.signals);
    }

    @Test
    void rule303ARequestFromOnNextDoesNotRecurseIntoAnotherOnNext() {
        List<String> signals = new ArrayList<>();
        RequestBody.of(new byte[4]).subscribe(new Subscriber<>() {
            Subscription s;

            @Override
            public void onSubscribe(Subscription s) {
                this.s = s;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer b) {
                signals.add("next");
                s.request(1);
                signals.add("next returns");
            }

            @Override
            public void onError(Throwable t) {
                signals.add("error");
            }

            @Override
            public void onComplete() {
                signals.add("complete");
            }
        });
        assertEquals(List.of("next", "next returns", "complete"), signals);
    }

    @Test
    void rule109SubscribingNullThrowsNullPointerException() {
        assertThrows(NullPointerException.class, () -> RequestBody.of(new byte[1]).subscribe(null));
    }
}
