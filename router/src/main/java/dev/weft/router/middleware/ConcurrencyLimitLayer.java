package dev.weft.router.middleware;

import dev.weft.router.Middleware;
import dev.weft.router.Problem;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * See {@link Layers#concurrencyLimit}. A count of permits, taken without waiting: a request that
 * finds none is answered at once, so work queued behind a slow dependency stays bounded.
 *
 * <p>Thread-safety: {@link #inFlight} is shared by every request through the layer, on any worker
 * or virtual thread; it is only changed by compare-and-set (acquire) and decrement (release). Each
 * request's {@link Permitted} releases its permit exactly once, guarded by its own
 * {@code released} flag, which only its owning task touches ({@code poll} and {@code cancel} never
 * run concurrently).
 */
final class ConcurrencyLimitLayer implements Middleware {
    /** Seconds a refused client is asked to wait before retrying. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();

    ConcurrencyLimitLayer(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("concurrency limit must be positive, was " + limit);
        }
        this.limit = limit;
    }

    /** Requests holding a permit now (for tests and metrics). */
    int inFlight() {
        return inFlight.get();
    }

    @Override
    public Async<Response> handle(Request request, Service next) {
        if (!tryAcquire()) {
            Response refused = Problem.of(503)
                    .detail("more than " + limit + " requests in progress; retry later")
                    .toResponse();
            refused.headers().set("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            return Async.ready(refused);
        }
        Async<Response> inner;
        try {
            inner = next.call(request);
        } catch (RuntimeException | Error e) {
            inFlight.decrementAndGet();
            throw e;
        }
        return new Permitted(inner);
    }

    private boolean tryAcquire() {
        for (;;) {
            int n = inFlight.get();
            if (n >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /**
     * The handler's answer, holding one permit until it is ready (a response head), fails, or is
     * cancelled (the client disconnected, a timeout layer above gave up, the server shut down).
     * A streamed body continues after the permit is returned: the limit bounds handlers at work.
     */
    private final class Permitted implements Async<Response> {
        private final Async<Response> inner;
        private boolean released;

        Permitted(Async<Response> inner) {
            this.inner = inner;
        }

        @Override
        public Poll<Response> poll(Context cx) {
            Poll<Response> p;
            try {
                p = inner.poll(cx);
            } catch (RuntimeException | Error e) {
                release();
                throw e;
            }
            if (p.isReady()) {
                release();
            }
            return p;
        }

        @Override
        public void cancel() {
            try {
                inner.cancel();
            } finally {
                release();
            }
        }

        private void release() {
            if (!released) {
                released = true;
                inFlight.decrementAndGet();
            }
        }
    }
}
