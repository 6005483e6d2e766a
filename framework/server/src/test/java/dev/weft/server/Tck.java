package dev.weft.server;

import java.nio.ByteBuffer;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;
import org.reactivestreams.tck.TestEnvironment;

/** The Reactive Streams TCK's environment for this package's tests. */
public final class Tck {
    /**
     * How long the TCK watches for a signal that must not come, and how long it waits before it
     * looks for an expected error (its {@code expectError} sleeps that long once, then looks): what
     * a passing run costs.
     */
    public static final long NO_SIGNAL_MILLIS = 300;

    /**
     * How long the TCK waits for a signal that must come; it stops waiting when the signal comes,
     * so a passing run takes no longer for it. Not {@link #NO_SIGNAL_MILLIS}: on a two-core machine
     * shared with other builds (load average 15 to 19), a hand-off between two threads of a plain
     * executor was measured taking up to 340 ms, and the TCK's own helper publisher (which feeds
     * the whitebox tests) missed 300 ms, failing tests before the code under test was reached.
     */
    public static final long SIGNAL_MILLIS = 2000;

    private Tck() {
    }

    public static TestEnvironment environment() {
        return new TestEnvironment(SIGNAL_MILLIS, NO_SIGNAL_MILLIS, NO_SIGNAL_MILLIS);
    }

    /**
     * {@code inner} as the whitebox TCK sees it: every signal goes to {@code inner}, then to the
     * probe, and the puppet's requests and cancels are {@code triggerRequest} and
     * {@code signalCancel}. The probe hears of non-null signals only: a null is the subscriber's
     * to refuse (rule 2.13), and the probe, which throws on a null itself, would otherwise hide a
     * subscriber that does not.
     */
    public static Subscriber<ByteBuffer> probed(Subscriber<ByteBuffer> inner, WhiteboxSubscriberProbe<ByteBuffer> probe,
                                                Runnable triggerRequest, Runnable signalCancel) {
        return new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                inner.onSubscribe(s);
                probe.registerOnSubscribe(new SubscriberPuppet() {
                    @Override
                    public void triggerRequest(long elements) {
                        triggerRequest.run();
                    }

                    @Override
                    public void signalCancel() {
                        signalCancel.run();
                    }
                });
            }

            @Override
            public void onNext(ByteBuffer buffer) {
                inner.onNext(buffer);
                if (buffer != null) {
                    probe.registerOnNext(buffer);
                }
            }

            @Override
            public void onError(Throwable t) {
                inner.onError(t);
                if (t != null) {
                    probe.registerOnError(t);
                }
            }

            @Override
            public void onComplete() {
                inner.onComplete();
                probe.registerOnComplete();
            }
        };
    }
}
