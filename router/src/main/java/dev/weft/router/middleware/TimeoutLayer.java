package dev.weft.router.middleware;

import dev.weft.http.HttpStatus;

import dev.weft.router.Middleware;
import dev.weft.router.Problem;
import dev.weft.runtime.Async;
import dev.weft.runtime.time.Time;
import dev.weft.runtime.time.TimeoutException;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

import java.time.Duration;
import java.util.Objects;

/** See {@link Layers#timeout}. */
final class TimeoutLayer implements Middleware {
    private final Duration limit;

    TimeoutLayer(Duration limit) {
        this.limit = Objects.requireNonNull(limit, "limit");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + limit);
        }
    }

    @Override
    public Async<Response> handle(Request request, Service next) {
        return Time.timeout(limit, next.call(request)).recover(e -> {
            if (e instanceof TimeoutException) {
                return Problem.of(HttpStatus.SERVICE_UNAVAILABLE).detail("no response within " + limit.toMillis() + " ms").toResponse()
                        .refused(Response.Refusal.TIMED_OUT); // counted in ServerStats.requestsTimedOut
            }
            throw e;
        });
    }
}
