package dev.weft.router.middleware;

import dev.weft.router.Middleware;
import dev.weft.router.internal.Errors;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

/** See {@link Layers#catchPanic}. */
final class CatchPanicLayer implements Middleware {

    @Override
    public Async<Response> handle(Request request, Service next) {
        Async<Response> response;
        try {
            response = next.call(request);
        } catch (RuntimeException | AssertionError e) {
            return Async.ready(Errors.internalError(e, request));
        }
        return response.recover(e -> Errors.internalError(e, request));
    }
}
