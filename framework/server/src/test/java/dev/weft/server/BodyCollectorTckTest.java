package dev.weft.server;

import java.nio.ByteBuffer;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.reactivestreams.tck.SubscriberWhiteboxVerification;

/**
 * The Reactive Streams TCK (1.0.4) against the subscriber that buffers a whole request body
 * ({@link BodyCollector}, behind {@code bytes()}, {@code text()} and {@code discard()}), seen from
 * inside: a probe records the signals it receives. It asks for everything when subscribed, so the
 * puppet's {@code triggerRequest} has nothing left to do; its {@code signalCancel} is what aborting
 * the reading task does, {@link BodyCollector#cancel()}. The probe hears only of signals the
 * collector took: a null is the collector's to refuse (rule 2.13), and the probe, which throws on
 * a null itself, would otherwise hide a collector that does not.
 */
public class BodyCollectorTckTest extends SubscriberWhiteboxVerification<ByteBuffer> {

    public BodyCollectorTckTest() {
        super(Tck.environment());
    }

    @Override
    public Subscriber<ByteBuffer> createSubscriber(WhiteboxSubscriberProbe<ByteBuffer> probe) {
        // The TCK subscribes the collector itself: the body it would subscribe to on first poll is not used.
        BodyCollector<byte[]> inner = new BodyCollector<>(RequestBody.empty(), 1 << 20, bytes -> bytes);
        return new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                inner.onSubscribe(s);
                probe.registerOnSubscribe(new SubscriberPuppet() {
                    @Override
                    public void triggerRequest(long elements) {
                        // It requested Long.MAX_VALUE in onSubscribe.
                    }

                    @Override
                    public void signalCancel() {
                        inner.cancel();
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

    @Override
    public ByteBuffer createElement(int element) {
        return ByteBuffer.allocate(4).putInt(0, element);
    }
}
