package dev.weft.router.sse;

import dev.weft.router.internal.RuntimePublisherVerification;
import dev.weft.router.internal.TckSupport;
import dev.weft.runtime.Poll;

import java.nio.ByteBuffer;
import java.time.Duration;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;

/**
 * The Reactive Streams TCK (1.0.4) against the body of an event stream whose events are slow in
 * coming: every element is a keep-alive comment, offered by the keep-alive task on a runtime's
 * worker (every 5 ms while nothing else is queued) while the subscriber requests and cancels from
 * its own thread. The body is subscribed inside the runtime, as the server does, since only there
 * does it start keep-alives. {@link SseBodyTckTest} covers the events themselves.
 *
 * <p>The event source never sends and never ends, so neither does the body:
 * {@link #maxElementsFromPublisher()} says so, and the TCK skips the tests that need the stream to
 * complete (those are run by {@link SseBodyTckTest}).
 */
public class SseBodyKeepAliveTckTest extends RuntimePublisherVerification<ByteBuffer> {
    private static final Duration KEEP_ALIVE = Duration.ofMillis(5);

    public SseBodyKeepAliveTckTest() {
        super("tck-sse");
    }

    /** Subscribed to, it sends nothing until cancelled. */
    private static Publisher<SseEvent> silent() {
        return s -> s.onSubscribe(new Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
    }

    /** {@code body}, subscribed to on a thread of the runtime. */
    private Publisher<ByteBuffer> inRuntime(SseBody body) {
        return subscriber -> runtime().blockOn(cx -> {
            body.subscribe(subscriber);
            return Poll.ready(null);
        });
    }

    @Override
    public Publisher<ByteBuffer> createPublisher(long elements) {
        return inRuntime(new SseBody(silent(), KEEP_ALIVE));
    }

    @Override
    public Publisher<ByteBuffer> createFailedPublisher() {
        return inRuntime(new SseBody(TckSupport.failing(new IllegalStateException("failed on purpose (expected by the TCK)")),
                KEEP_ALIVE));
    }

    /** Keep-alive comments come for as long as the client listens. */
    @Override
    public long maxElementsFromPublisher() {
        return publisherUnableToSignalOnComplete();
    }
}
