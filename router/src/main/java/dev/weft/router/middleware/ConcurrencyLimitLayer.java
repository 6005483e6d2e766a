package dev.weft.router.middleware;

import dev.weft.http.HttpStatus;

import dev.weft.router.Middleware;
import dev.weft.router.Problem;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.sync.Semaphore;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

/**
 * See {@link Layers#concurrencyLimit}. The runtime's {@link Semaphore}, taken without waiting
 * ({@code tryAcquire}): a request that finds no permit is answered at once, so work queued behind a
 * slow dependency stays bounded.
 *
 * <p>Thread-safety: the semaphore is shared by every request through the layer, on any worker or
 * virtual thread, and guards itself. Each request's {@link Permitted} holds one
 * {@link Semaphore.Permit}, whose release is idempotent; only the request's own task touches it
 * ({@code poll} and {@code cancel} never run concurrently).
 */
final class ConcurrencyLimitLayer implements Middleware {
    /** Seconds a refused client is asked to wait before retrying. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final int limit;
    private final Semaphore permits;

    ConcurrencyLimitLayer(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("concurrency limit must be positive, was " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    /** Requests holding a permit now (for tests and metrics). */
    int inFlight() {
        return (int) (limit - permits.availablePermits());
    }

    @Override
    public Async<Response> handle(Request request, Service next) {
        Semaphore.Permit permit = permits.tryAcquire(1);
        if (permit == null) {
            Response refused = Problem.of(HttpStatus.SERVICE_UNAVAILABLE)
                    .detail("more than " + limit + " requests in progress; retry later")
                    .toResponse()
                    .refused(Response.Refusal.OVERLOADED); // counted in ServerStats.requestsOverloaded
            refused.headers().set("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            return Async.ready(refused);
        }
        Async<Response> inner;
        try {
            inner = next.call(request);
        } catch (RuntimeException | Error e) {
            permit.release();
            throw e;
        }
        return new Permitted(inner, permit);
    }

    /**
     * The handler's answer, holding one permit until it is ready (a response head), fails, or is
     * cancelled (the client disconnected, a timeout layer above gave up, the server shut down).
     * A streamed body continues after the permit is returned: the limit bounds handlers at work.
     */
    private static final class Permitted implements Async<Response> {
        private final Async<Response> inner;
        private final Semaphore.Permit permit;

        Permitted(Async<Response> inner, Semaphore.Permit permit) {
            this.inner = inner;
            this.permit = permit;
        }

        @Override
        public Poll<Response> poll(Context cx) {
            Poll<Response> p;
            try {
                p = inner.poll(cx);
            } catch (RuntimeException | Error e) {
                permit.release();
                throw e;
            }
            if (p.isReady()) {
                permit.release();
            }
            return p;
        }

        @Override
        public void cancel() {
            try {
                inner.cancel();
            } finally {
                permit.release();
            }
        }
    }
}
