package dev.weft.server.internal;

import dev.weft.http.BodyReadException;
import dev.weft.http.RequestBody;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The body of a request arriving on a connection, published to one subscriber. Demand drives
 * the socket: the connection decodes (and so reads) body bytes only while the subscriber has
 * asked for more, so a slow consumer pushes back into the client's TCP window.
 *
 * <p>Buffers are slices of the connection's read buffer, never copies. A slice stays valid until
 * the subscriber requests more, cancels, or the response to this request has been sent; until
 * then the connection neither reads into nor compacts that memory.
 *
 * <p>Threads: {@code subscribe}, {@code request} and {@code cancel} may come from any thread and
 * only record their wish and wake the connection; every signal to the subscriber is sent from
 * the connection's own poll, so signals are serial (Reactive Streams rule 1.3) and never
 * re-entrant (rule 3.3).
 */
final class RequestBodyChannel implements RequestBody, Subscription {

    /** Asks the owning connection loop for another pass; safe from any thread. */
    private final Runnable wake;
    private final long contentLength;
    private final long bufferLimit;

    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicLong demand = new AtomicLong();
    private volatile Subscriber<? super ByteBuffer> subscriber;
    /** Set once onSubscribe has returned: no signal may overlap it (rule 1.3). */
    private volatile boolean ready;
    private volatile boolean cancelled;
    private volatile long badRequest;
    /** The response went out before anyone subscribed: late subscribers are refused. */
    private volatile boolean abandoned;

    // Owned by the connection's poll.
    private ByteBuffer pending;
    private boolean sliceOwned;
    private boolean complete;
    private Throwable failure;
    private boolean terminated;
    private long received;

    /**
     * @param wake          asks the connection loop for another pass (from any thread, also from
     *                      inside that pass); the loop then calls {@link #pump()}
     * @param contentLength the announced length, or -1 when chunked
     * @param bufferLimit   what {@link #bytes()} accepts
     */
    RequestBodyChannel(Runnable wake, long contentLength, long bufferLimit) {
        this.wake = wake;
        this.contentLength = contentLength;
        this.bufferLimit = bufferLimit;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public long bufferLimit() {
        return bufferLimit;
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> s) {
        if (s == null) {
            throw new NullPointerException("Reactive Streams rule 1.9: subscriber must not be null");
        }
        if (!subscribed.compareAndSet(false, true)) {
            s.onSubscribe(CancelledSubscription.INSTANCE);
            s.onError(new IllegalStateException("a request body can be subscribed to only once"));
            return;
        }
        if (abandoned) {
            s.onSubscribe(CancelledSubscription.INSTANCE);
            s.onError(new IllegalStateException("the request body was discarded: the response was already sent"));
            return;
        }
        subscriber = s;
        try {
            s.onSubscribe(this);
        } finally {
            ready = true;
            wake.run();
        }
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            badRequest = n == 0 ? -1 : n;
        } else {
            demand.getAndAccumulate(n, (current, add) -> {
                long sum = current + add;
                return sum < 0 ? Long.MAX_VALUE : sum;
            });
        }
        wake.run();
    }

    @Override
    public void cancel() {
        cancelled = true;
        wake.run();
    }

    // ---- connection side -------------------------------------------------------------------

    /** Whether the connection may decode more body bytes: no slice is waiting or owned. */
    boolean canAcceptSlice() {
        return pending == null && !sliceOwned;
    }

    /** True when nobody will take the bytes any more: the connection discards them instead. */
    boolean discarding() {
        return cancelled || terminated || abandoned;
    }

    /**
     * The response is sent before the whole body arrived: the rest is discarded, and a subscriber
     * (current or late) is told so.
     */
    void abandon() {
        abandoned = true;
        pending = null;
        // A subscriber still reading must hear that the rest will never come.
        pump();
    }

    /** True when a subscriber is ready and has asked for bytes (a cue for {@code 100 Continue}). */
    boolean wantsData() {
        return ready && demand.get() > 0;
    }

    /** True while the subscriber holds a slice of the read buffer. */
    boolean holdsSlice() {
        return pending != null || sliceOwned;
    }

    /** The decoder produced body bytes: hand them on when there is demand. */
    void offer(ByteBuffer slice) {
        received += slice.remaining();
        pending = slice;
        pump();
    }

    /** The decoder reached the end of the body. */
    void complete() {
        complete = true;
        pump();
    }

    /** The body cannot complete: the client went away or broke the framing. */
    void fail(Throwable cause) {
        if (failure == null) {
            failure = cause instanceof BodyReadException ? cause : new BodyReadException(cause);
        }
        pending = null;
        sliceOwned = false;
        pump();
    }

    /** The response is sent: whatever the subscriber still held is released. */
    void responseSent() {
        sliceOwned = false;
        if (pending != null && discarding()) {
            pending = null;
        }
    }

    /** True once the whole body was decoded. */
    boolean isComplete() {
        return complete;
    }

    /** Body bytes decoded so far. */
    long received() {
        return received;
    }

    /**
     * Delivers what the subscriber is owed; called from the connection's poll.
     *
     * @return true when something was signalled or released
     */
    boolean pump() {
        if (!ready) {
            if (abandoned && pending != null) {
                pending = null;
                return true;
            }
            return false;
        }
        Subscriber<? super ByteBuffer> s = subscriber;
        if (terminated) {
            if (pending != null) {
                pending = null;
                return true;
            }
            return false;
        }
        if (cancelled) {
            terminate();
            return true;
        }
        if (abandoned) {
            terminate();
            s.onError(new BodyReadException(new IllegalStateException(
                    "the response was sent before the body was read; the rest of the body is discarded")));
            return true;
        }
        if (badRequest != 0) {
            terminate();
            s.onError(new IllegalArgumentException(
                    "Reactive Streams rule 3.9: request(" + (badRequest == -1 ? 0 : badRequest) + ") is not positive"));
            return true;
        }
        if (failure != null) {
            terminate();
            s.onError(failure);
            return true;
        }
        boolean progress = false;
        if (sliceOwned && demand.get() > 0) {
            sliceOwned = false;
            progress = true;
        }
        if (pending != null && !sliceOwned && demand.get() > 0) {
            if (demand.get() != Long.MAX_VALUE) {
                demand.decrementAndGet();
            }
            ByteBuffer b = pending;
            pending = null;
            sliceOwned = true;
            s.onNext(b);
            if (demand.get() > 0 || cancelled) {
                sliceOwned = false;
            }
            progress = true;
        }
        if (complete && pending == null && !terminated && !cancelled) {
            terminate();
            s.onComplete();
            progress = true;
        }
        return progress;
    }

    /**
     * Ends the subscription for good. The subscriber is forgotten so that it can be collected
     * even while the request lives on (Reactive Streams rule 3.13).
     */
    private void terminate() {
        terminated = true;
        pending = null;
        sliceOwned = false;
        subscriber = null;
    }

    /** A subscription that ignores everything, for refused subscribers (rule 1.9 / 2.5). */
    private enum CancelledSubscription implements Subscription {
        INSTANCE;

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }
}
