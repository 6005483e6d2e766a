package dev.weft.router;

import dev.weft.router.internal.Responses;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

/**
 * A route ready to run: its invoker, possibly wrapped in the layers of the router it was defined
 * in (when that router was merged or nested into another).
 */
@FunctionalInterface
interface Endpoint {

    Async<Response> call(Request request, RequestContext cx);

    /** Runs the extractors and the handler, turning what comes out (or is thrown) into a response. */
    static Endpoint of(Spec.Invoker invoker) {
        return new Endpoint() {
            @Override
            public Async<Response> call(Request request, RequestContext cx) {
                try {
                    return Responses.of(invoker.invoke(cx), cx.errors(), request);
                } catch (VirtualMachineError fatal) {
                    throw fatal;
                } catch (Throwable t) {
                    return Responses.ready(cx.errors().toResponse(t, request));
                }
            }
        };
    }

    /** This endpoint inside {@code layer}. */
    default Endpoint layered(Middleware layer) {
        Endpoint inner = this;
        return (request, cx) -> {
            Service next = r -> {
                cx.request(r);
                return inner.call(r, cx);
            };
            try {
                return layer.handle(request, next);
            } catch (Throwable t) {
                return Responses.ready(cx.errors().toResponse(t, request));
            }
        };
    }
}
