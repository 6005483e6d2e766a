package dev.weft.metrics;

import dev.weft.metrics.internal.Labels;
import dev.weft.metrics.internal.RouteTimers;
import dev.weft.router.Middleware;
import dev.weft.router.Router;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

import io.micrometer.core.instrument.MeterRegistry;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A router layer that times every request, from the moment the layer sees it until the response
 * (its head) is ready, in a Micrometer timer labelled by method, <em>route pattern</em> and status
 * class. In Prometheus's names: {@code http_server_requests_seconds_count},
 * {@code http_server_requests_seconds_sum} and {@code http_server_requests_seconds_bucket}
 * (a histogram from 1 ms to 10 s) with labels {@code method} ({@code GET}, …, or {@code OTHER}),
 * {@code route} ({@code /users/{id}}, or {@code unmatched} when no route matched) and
 * {@code status} ({@code 2xx}, …). The raw path is never a label, so the number of series is
 * bounded by the router's routes, whatever clients send.
 *
 * <p>A request that fails in a handler or a layer below is counted as {@code 5xx}; one that is
 * cancelled (the client left) is not counted.
 *
 * <pre>{@code
 * router.layer(new RouteMeters(registry, router));
 * }</pre>
 */
public final class RouteMeters implements Middleware {
    /** The route label of a request no route matched: a fixed word, never the path. */
    public static final String UNMATCHED = "unmatched";

    private final Router router;
    private final RouteTimers timers;

    /**
     * @param registry where the timers go
     * @param router   the router whose route patterns label the requests (the one this layer is
     *                 added to)
     */
    public RouteMeters(MeterRegistry registry, Router router) {
        this.router = Objects.requireNonNull(router, "router");
        this.timers = new RouteTimers(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public Async<Response> handle(Request request, Service next) {
        long start = System.nanoTime();
        Async<Response> response;
        try {
            response = next.call(request);
        } catch (RuntimeException | Error e) {
            record(request, 500, start);
            throw e;
        }
        return new Timed(response, request, start);
    }

    private void record(Request request, int status, long startNanos) {
        String route = router.routePattern(request.path());
        timers.timer(route == null ? UNMATCHED : route, Labels.methodIndex(request.method()),
                Labels.statusClassIndex(status)).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** The response as it comes, recorded once when it is ready or fails. */
    private final class Timed implements Async<Response> {
        private final Async<Response> inner;
        private final Request request;
        private final long startNanos;

        Timed(Async<Response> inner, Request request, long startNanos) {
            this.inner = inner;
            this.request = request;
            this.startNanos = startNanos;
        }

        @Override
        public Poll<Response> poll(Context cx) {
            Poll<Response> p;
            try {
                p = inner.poll(cx);
            } catch (RuntimeException | Error e) {
                record(request, 500, startNanos);
                throw e;
            }
            if (p.isReady()) {
                Response r = p.value();
                record(request, r == null ? 500 : r.status().code(), startNanos);
            }
            return p;
        }

        @Override
        public void cancel() {
            inner.cancel();
        }
    }
}
