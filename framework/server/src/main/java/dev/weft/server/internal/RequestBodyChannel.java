package dev.weft.server.internal;

import dev.weft.http.HttpHeaders;
import dev.weft.server.BodyReadException;
import dev.weft.server.Publishers;
import dev.weft.server.RequestBody;

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
 * the subscriber requests more, cancels, or the response to this request has been sent (not
 * merely until the body completes: the server's own response writer, which echoes slices, owns
 * the last one until it is written). Until then the channel holds a reference to the
 * {@link PooledBuffer} the slice lives in, so the connection neither compacts nor reuses that
 * memory; {@link #dispose()} lets go of it when the connection closes.
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
    /** A decoded slice waiting for demand, and the buffer it lives in (a reference is held). */
    private ByteBuffer pending;
    private PooledBuffer pendingSource;
    /** The slice last handed to the subscriber while it still owns it, and its buffer (a reference is held). */
    private ByteBuffer owned;
    private PooledBuffer ownedSource;
    private boolean complete;
    /**
     * The trailers, written by the connection's poll before the subscriber is told the body is
     * complete, and read by any thread after that (volatile: the handler may run elsewhere).
     */
    private volatile HttpHeaders trailers;
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
            Publishers.refuseSubscriber(s, "a request body can be subscribed to only once");
            return;
        }
        if (abandoned) {
            Publishers.refuseSubscriber(s, "the request body was discarded: the response was already sent");
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
        return pending == null && owned == null;
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
        dropPending();
        // A subscriber still reading must hear that the rest will never come.
        pump();
    }

    /** True when a subscriber is ready and has asked for bytes (a cue for {@code 100 Continue}). */
    boolean wantsData() {
        return ready && demand.get() > 0;
    }

    /** True while a slice of the read buffer waits for the subscriber or is owned by it. */
    boolean holdsSlice() {
        return pending != null || owned != null;
    }

    /**
     * The buffer {@code chunk} lives in when it is the slice the subscriber owns now (an echo
     * handing it on to be written), so that the writer can hold it too; null otherwise.
     */
    PooledBuffer sourceOf(java.nio.ByteBuffer chunk) {
        return chunk == owned ? ownedSource : null;
    }

    /**
     * The decoder produced body bytes, a slice of {@code source} (null when they live in no
     * pooled buffer): hand them on when there is demand. Bytes nobody will take are dropped.
     */
    void offer(ByteBuffer slice, PooledBuffer source) {
        received += slice.remaining();
        if (discarding() || failure != null) {
            return;
        }
        pending = slice;
        pendingSource = source == null ? null : source.retain();
        pump();
    }

    /** The decoder reached the end of the body, with these trailer fields (empty if none). */
    void complete(HttpHeaders trailers) {
        this.trailers = trailers;
        complete = true;
        pump();
    }

    @Override
    public HttpHeaders trailers() {
        HttpHeaders t = trailers;
        if (t == null) {
            throw new IllegalStateException("the request's trailers follow its body: read the body to its end first");
        }
        return t;
    }

    /** The body cannot complete: the client went away or broke the framing. */
    void fail(Throwable cause) {
        if (failure == null) {
            failure = cause instanceof BodyReadException ? cause : new BodyReadException(cause);
        }
        dropPending();
        pump();
    }

    /** The response is sent: whatever the subscriber still held is released. */
    void responseSent() {
        releaseOwned();
        if (discarding()) {
            dropPending();
        }
    }

    /** The connection closes: every reference to its read buffer is let go. */
    void dispose() {
        dropPending();
        releaseOwned();
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
                dropPending();
                return true;
            }
            return false;
        }
        Subscriber<? super ByteBuffer> s = subscriber;
        if (terminated) {
            boolean progress = false;
            if (pending != null) {
                dropPending();
                progress = true;
            }
            if (owned != null && cancelled) {
                releaseOwned();
                progress = true;
            }
            return progress;
        }
        if (cancelled) {
            terminate();
            releaseOwned();
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
        if (owned != null && demand.get() > 0) {
            // Asking for more releases the slice delivered before.
            releaseOwned();
            progress = true;
        }
        if (pending != null && owned == null && demand.get() > 0) {
            if (demand.get() != Long.MAX_VALUE) {
                demand.decrementAndGet();
            }
            ByteBuffer b = pending;
            owned = b;
            ownedSource = pendingSource;
            pending = null;
            pendingSource = null;
            s.onNext(b);
            if (demand.get() > 0 || cancelled) {
                releaseOwned();
            }
            progress = true;
        }
        if (complete && pending == null && !terminated && !cancelled) {
            // The last slice stays owned: a subscriber that writes it out (echo) releases it by
            // asking for more, or the response being sent does.
            terminate();
            s.onComplete();
            progress = true;
        }
        return progress;
    }

    /**
     * Ends the subscription for good. The subscriber is forgotten so that it can be collected
     * even while the request lives on (Reactive Streams rule 3.13). A slice it owns stays owned
     * (see {@link #responseSent()}).
     */
    private void terminate() {
        terminated = true;
        dropPending();
        subscriber = null;
    }

    private void dropPending() {
        PooledBuffer source = pendingSource;
        pending = null;
        pendingSource = null;
        if (source != null) {
            source.release();
        }
    }

    private void releaseOwned() {
        PooledBuffer source = ownedSource;
        owned = null;
        ownedSource = null;
        if (source != null) {
            source.release();
        }
    }
}
