package dev.weft.router.sse;

import dev.weft.router.internal.Emitter;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.time.Interval;
import dev.weft.runtime.time.Time;
import dev.weft.server.Publishers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of an event stream: subscribes to the events as the response body is subscribed,
 * encodes each, and interleaves keep-alive comments when the stream is idle. Upstream demand is
 * kept to a few events ahead of what the socket has taken.
 */
final class SseBody implements Publisher<ByteBuffer> {
    private static final Logger LOG = LoggerFactory.getLogger(SseBody.class);
    private static final int PREFETCH = 8;
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Publisher<SseEvent> events;
    private final Duration keepAlive;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    SseBody(Publisher<SseEvent> events, Duration keepAlive) {
        this.events = events;
        this.keepAlive = keepAlive;
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            Publishers.refuseSubscriber(subscriber, "an event stream can be subscribed to once");
            return;
        }
        Emitter<ByteBuffer> out = new Emitter<>(subscriber, Integer.MAX_VALUE);
        Upstream upstream = new Upstream(out);
        out.onDemand(upstream::pull);
        out.subscribe();
        JoinHandle<Void> ticker = startKeepAlive(out, upstream);
        out.onCancel(() -> {
            upstream.cancel();
            if (ticker != null) {
                ticker.abort();
            }
        });
        events.subscribe(upstream);
    }

    private JoinHandle<Void> startKeepAlive(Emitter<ByteBuffer> out, Upstream upstream) {
        if (keepAlive == null) {
            return null;
        }
        AsyncRuntime rt;
        try {
            rt = AsyncRuntime.current();
        } catch (IllegalStateException outside) {
            LOG.debug("event stream subscribed outside a runtime: no keep-alive comments");
            return null;
        }
        Interval interval = Time.intervalAt(System.nanoTime() + keepAlive.toNanos(), keepAlive);
        return rt.spawn("sse-keep-alive", new Async<Void>() {
            @Override
            public Poll<Void> poll(Context cx) {
                while (interval.pollTick(cx).isReady()) {
                    if (out.isTerminated()) {
                        return Poll.ready(null);
                    }
                    // Only into a quiet line the client is reading: a comment queued without
                    // demand would stand before an error or the end, holding it back.
                    if (!upstream.sentSinceLastTick() && out.wantsMore()) {
                        out.offer(ByteBuffer.wrap(KEEP_ALIVE).asReadOnlyBuffer());
                    }
                }
                return Poll.pending();
            }
        });
    }

    /** Receives events and hands their encoding to the emitter. */
    private static final class Upstream implements Subscriber<SseEvent> {
        private final Emitter<ByteBuffer> out;
        private final AtomicInteger outstanding = new AtomicInteger();
        private final AtomicBoolean sent = new AtomicBoolean();
        private volatile Subscription subscription;
        private volatile boolean cancelled;
        private volatile boolean ended;

        Upstream(Emitter<ByteBuffer> out) {
            this.out = out;
        }

        boolean sentSinceLastTick() {
            return sent.getAndSet(false);
        }

        void pull() {
            Subscription s = subscription;
            if (s != null && outstanding.compareAndSet(0, PREFETCH)) {
                s.request(PREFETCH);
            }
        }

        void cancel() {
            cancelled = true;
            Subscription s = subscription;
            // Rule 2.3: the emitter runs this also when the events have ended, from inside
            // onComplete or onError, where the subscription must not be called (nor needs to be).
            if (s != null && !ended) {
                s.cancel();
            }
        }

        @Override
        public void onSubscribe(Subscription s) {
            Objects.requireNonNull(s, "Reactive Streams rule 2.13: subscription must not be null");
            if (subscription != null) {
                s.cancel(); // rule 2.5: subscribed already
                return;
            }
            subscription = s;
            if (cancelled) {
                s.cancel();
                return;
            }
            out.drain(); // asks for events if the client already wants some
        }

        @Override
        public void onNext(SseEvent event) {
            outstanding.decrementAndGet();
            sent.set(true);
            out.offer(ByteBuffer.wrap(event.encode().getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void onError(Throwable t) {
            Objects.requireNonNull(t, "Reactive Streams rule 2.13: error must not be null");
            ended = true;
            out.fail(t);
        }

        @Override
        public void onComplete() {
            ended = true;
            out.complete();
        }
    }
}
