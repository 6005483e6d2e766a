package dev.weft.router;

import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

/**
 * A layer around a router (or a merged group of routes): it receives the request and the rest of
 * the chain, and answers — usually by calling {@code next}, possibly with a changed request, and
 * transforming the response. Layers run in the order they were added: the first one added sees
 * the request first and the response last.
 *
 * <pre>{@code
 * router.layer((request, next) -> {
 *     request.putExtension(User.class, authenticate(request));
 *     return next.call(request);
 * });
 * }</pre>
 *
 * <p>Built-in layers are in {@link dev.weft.router.middleware.Layers}. A middleware runs on a
 * runtime worker and must not block.
 */
@FunctionalInterface
public interface Middleware {

    /**
     * Handles {@code request}, delegating to {@code next} as it sees fit.
     *
     * @param request the request
     * @param next    the layers below this one and the router
     * @return the response
     */
    Async<Response> handle(Request request, Service next);
}
