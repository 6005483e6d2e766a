package dev.weft.router.multipart;

import dev.weft.http.HttpStatus;

import dev.weft.router.Rejection;
import dev.weft.server.RequestBody;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The machine between a request body and the parts handed to a handler: it feeds the request's
 * buffers to the {@link MultipartParser}, hands each part to the waiting {@code next()}, and each
 * body buffer to the part's subscriber only when it has demand — so the request is read only as
 * fast as the slowest consumer, and at most one request buffer and the parser's buffer are held.
 *
 * <h2>Threads</h2>
 * Signals come from anywhere: the request body's {@code onNext} (the connection's task), a part
 * subscriber's {@code request}/{@code cancel}, a handler's {@code next()}. Each records what it
 * brings in a thread-safe field and calls {@link #drain()}; a work-in-progress counter lets one
 * thread at a time run the drain, which alone touches the parser, the current part and the held
 * event, and alone signals part subscribers (so their signals are serial, rule 1.3). A signal
 * that arrives while another thread drains makes that thread loop once more.
 */
final class MultipartStream implements Subscriber<ByteBuffer> {
    private final RequestBody body;
    private final MultipartLimits limits;
    private final MultipartParser parser;
    private final AtomicInteger wip = new AtomicInteger();

    // Handed over from other threads.
    private final ConcurrentLinkedQueue<ByteBuffer> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicReference<CompletableFuture<Part>> waiter = new AtomicReference<>();
    private volatile Subscription upstream;
    private volatile boolean upstreamDone;
    private volatile boolean requested;
    private volatile Throwable failure;
    /** Bytes received so far; only the request body's signals (serial) touch it. */
    private long received;

    // Owned by the draining thread.
    private boolean subscribedUpstream;
    private MultipartParser.Event held;
    private Part current;
    private int parts;
    private boolean ended;
    private boolean terminated;

    MultipartStream(RequestBody body, String boundary, MultipartLimits limits) {
        this.body = body;
        this.limits = limits;
        this.parser = new MultipartParser(boundary, limits.maxHeaderBytes(), 64 * 1024);
    }

    /** Asks for the next part: completes with it, or with null after the last. */
    CompletableFuture<Part> next() {
        CompletableFuture<Part> f = new CompletableFuture<>();
        if (!waiter.compareAndSet(null, f)) {
            f.completeExceptionally(new IllegalStateException("next() called again before the previous next() completed"));
            return f;
        }
        drain();
        return f;
    }

    // ---- the request body's subscriber ------------------------------------------------------

    @Override
    public void onSubscribe(Subscription s) {
        Objects.requireNonNull(s, "Reactive Streams rule 2.13: subscription must not be null");
        if (upstream != null) {
            s.cancel();
            return;
        }
        upstream = s;
        drain();
    }

    @Override
    public void onNext(ByteBuffer b) {
        received += b.remaining();
        if (received > limits.maxTotalBytes()) {
            failure = Rejection.of(HttpStatus.CONTENT_TOO_LARGE, "multipart body", "larger than the limit of " + limits.maxTotalBytes() + " bytes");
        } else {
            // The buffer is the publisher's once this returns: keep a copy.
            ByteBuffer copy = ByteBuffer.allocate(b.remaining());
            copy.put(b).flip();
            inbox.add(copy);
        }
        requested = false;
        drain();
    }

    @Override
    public void onError(Throwable t) {
        if (failure == null) {
            failure = t;
        }
        upstreamDone = true;
        drain();
    }

    @Override
    public void onComplete() {
        upstreamDone = true;
        drain();
    }

    // ---- the drain --------------------------------------------------------------------------

    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            step();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void step() {
        if (terminated) {
            // Finished earlier: a later next() gets the same end.
            CompletableFuture<Part> w = waiter.getAndSet(null);
            if (w != null) {
                if (failure != null) {
                    w.completeExceptionally(failure);
                } else {
                    w.complete(null);
                }
            }
            return;
        }
        while (!terminated) {
            Throwable f = failure;
            if (f != null) {
                fail(f);
                return;
            }
            if (!subscribedUpstream) {
                if (waiter.get() == null) {
                    return; // nothing asked yet: do not start reading
                }
                subscribedUpstream = true;
                body.subscribe(this);
                continue;
            }
            Part p = current;
            if (p != null && p.phase == Part.Phase.OPEN && (p.cancelled || waiter.get() != null)) {
                // Cancelled, or the handler moved on: what is left of this part is skipped.
                p.phase = Part.Phase.SKIPPED;
                if (!p.cancelled) {
                    p.signalError(new IllegalStateException("next() was called before this part's body was read"));
                }
            }
            if (ended) {
                drainEpilogue();
                return;
            }
            MultipartParser.Event ev = held;
            held = null;
            if (ev == null) {
                try {
                    ev = parser.next();
                } catch (Rejection e) {
                    failure = e;
                    continue;
                }
            }
            switch (ev) {
                case NEED_INPUT -> {
                    ByteBuffer b = inbox.peek();
                    if (b != null) {
                        parser.offer(b);
                        if (!b.hasRemaining()) {
                            inbox.poll();
                        }
                    } else if (upstreamDone) {
                        parser.finish();
                    } else if (upstream == null) {
                        held = ev; // subscribed, onSubscribe still to come
                        return;
                    } else {
                        requestMore();
                        held = ev;
                        return;
                    }
                }
                case PART -> {
                    CompletableFuture<Part> w = waiter.get();
                    if (w == null) {
                        held = ev;
                        return;
                    }
                    if (++parts > limits.maxParts()) {
                        failure = Rejection.of(HttpStatus.CONTENT_TOO_LARGE, "multipart body", "more than " + limits.maxParts() + " parts");
                        continue;
                    }
                    try {
                        current = new Part(parser.headers(), this, limits.maxBufferedPartBytes());
                    } catch (Rejection e) {
                        failure = e;
                        continue;
                    }
                    waiter.set(null);
                    w.complete(current);
                }
                case DATA -> {
                    if (p == null || p.phase != Part.Phase.OPEN) {
                        continue; // skipped
                    }
                    var s = p.subscriber;
                    if (s == null || p.demand.get() == 0) {
                        held = ev;
                        return;
                    }
                    p.demand.decrementAndGet();
                    s.onNext(parser.data());
                }
                case PART_END -> {
                    if (p != null && p.phase == Part.Phase.OPEN) {
                        p.phase = Part.Phase.ENDED;
                        p.signalComplete();
                    }
                }
                case END -> {
                    ended = true;
                    CompletableFuture<Part> w = waiter.getAndSet(null);
                    if (w != null) {
                        w.complete(null);
                    }
                }
            }
        }
    }

    /** After the close delimiter: answers next() with null and reads the epilogue away, so the connection stays usable. */
    private void drainEpilogue() {
        CompletableFuture<Part> w = waiter.getAndSet(null);
        if (w != null) {
            w.complete(null);
        }
        while (inbox.poll() != null) {
            // ignored (RFC 2046 §5.1.1)
        }
        if (upstreamDone) {
            terminated = true;
            return;
        }
        requestMore();
    }

    private void requestMore() {
        if (!requested) {
            requested = true;
            upstream.request(1);
        }
    }

    private void fail(Throwable f) {
        terminated = true;
        Subscription s = upstream;
        if (s != null && !upstreamDone) {
            s.cancel();
        }
        Part p = current;
        if (p != null && p.phase == Part.Phase.OPEN) {
            p.failure = f;
            p.phase = Part.Phase.SKIPPED;
            p.signalError(f);
        }
        CompletableFuture<Part> w = waiter.getAndSet(null);
        if (w != null) {
            w.completeExceptionally(f);
        }
        inbox.clear();
    }

}
