package dev.weft.router.multipart;

import dev.weft.http.HttpStatus;

import dev.weft.router.Rejection;
import dev.weft.router.internal.BodyPump;
import dev.weft.server.RequestBody;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The machine between a request body and the parts handed to a handler: it feeds the request's
 * buffers to the {@link MultipartParser}, hands each part to the waiting {@code next()}, and each
 * body buffer to the part's subscriber only when it has demand — so the request is read only as
 * fast as the slowest consumer, and at most one request buffer and the parser's buffer are held.
 *
 * <h2>Threads</h2>
 * Signals come from anywhere: the request body's {@code onNext} (the connection's task), a part
 * subscriber's {@code request}/{@code cancel}, a handler's {@code next()}. Each records what it
 * brings in a thread-safe field and calls {@link #drain()}; the {@link BodyPump} lets one thread
 * at a time run the step, which alone touches the parser, the current part and the held event,
 * and alone signals part subscribers (so their signals are serial, rule 1.3). A signal that
 * arrives while another thread runs the step makes that thread run it once more.
 */
final class MultipartStream {
    private final RequestBody body;
    private final MultipartLimits limits;
    private final MultipartParser parser;
    private final BodyPump upstream;

    // Handed over from other threads.
    private final AtomicReference<CompletableFuture<Part>> waiter = new AtomicReference<>();
    private volatile Throwable failure;

    // Owned by the step.
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
        this.upstream = new BodyPump(this::step, limits.maxTotalBytes(), () -> Rejection.of(HttpStatus.CONTENT_TOO_LARGE,
                "multipart body", "larger than the limit of " + limits.maxTotalBytes() + " bytes"));
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

    /** Runs the step now, or has the thread running it run it once more. */
    void drain() {
        upstream.drain();
    }

    // ---- the step ---------------------------------------------------------------------------

    private void step() {
        if (terminated) {
            // Finished earlier: a later next() gets the same end.
            CompletableFuture<Part> w = waiter.getAndSet(null);
            if (w != null) {
                Throwable f = failure;
                if (f != null) {
                    w.completeExceptionally(f);
                } else {
                    w.complete(null);
                }
            }
            return;
        }
        while (!terminated) {
            Throwable f = failure != null ? failure : upstream.failure();
            if (f != null) {
                fail(f);
                return;
            }
            if (!subscribedUpstream) {
                if (waiter.get() == null) {
                    return; // nothing asked yet: do not start reading
                }
                subscribedUpstream = true;
                body.subscribe(upstream);
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
                    ByteBuffer b = upstream.next();
                    if (b != null) {
                        parser.offer(b);
                    } else if (upstream.ended()) {
                        parser.finish();
                    } else {
                        upstream.requestOne(); // the step runs again when it comes
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
        for (ByteBuffer b = upstream.next(); b != null; b = upstream.next()) {
            b.position(b.limit()); // ignored (RFC 2046 §5.1.1)
        }
        if (upstream.ended()) {
            terminated = true;
            return;
        }
        upstream.requestOne();
    }

    private void fail(Throwable f) {
        terminated = true;
        failure = f; // a later next() gets the same end
        upstream.cancel();
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
    }

}
