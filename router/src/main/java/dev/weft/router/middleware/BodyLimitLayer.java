package dev.weft.router.middleware;

import dev.weft.http.HttpStatus;

import dev.weft.router.Middleware;
import dev.weft.router.Problem;
import dev.weft.router.internal.BodyLimit;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

/** See {@link Layers#bodyLimit}. */
final class BodyLimitLayer implements Middleware {
    private final BodyLimit limit;

    BodyLimitLayer(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("body limit must be >= 0: " + maxBytes);
        }
        this.limit = new BodyLimit(maxBytes);
    }

    @Override
    public Async<Response> handle(Request request, Service next) {
        if (request.body().contentLength() > limit.bytes()) {
            return Async.ready(Problem.of(HttpStatus.CONTENT_TOO_LARGE)
                    .detail("request body: larger than the limit of " + limit.bytes() + " bytes").toResponse());
        }
        request.putExtension(BodyLimit.class, limit);
        return next.call(request);
    }
}
