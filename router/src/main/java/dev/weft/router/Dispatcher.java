package dev.weft.router;

import dev.weft.http.HttpStatus;
import dev.weft.router.internal.PathTree;
import dev.weft.router.internal.Responses;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

import java.util.List;
import java.util.Map;

/**
 * The serving half of a frozen {@link Router}: finds the route for a request (or the 405, the
 * trailing-slash alternative, the fallback) and calls its endpoint. Everything here is immutable,
 * so all workers share one dispatcher.
 */
final class Dispatcher implements Service {

    private static final int[] NO_PARAMS = new int[0];
    private static final Route FALLBACK = Route.named("*", "", List.of(), "fallback", null);

    private final PathTree<MethodTable> tree;
    private final int paramSlots;
    private final Map<Class<?>, Object> state;
    private final Responses.ErrorMapper errors;
    private final Endpoint fallback;
    private final TrailingSlash trailingSlash;

    Dispatcher(PathTree<MethodTable> tree, Map<Class<?>, Object> state, Responses.ErrorMapper errors,
               Endpoint fallback, TrailingSlash trailingSlash) {
        this.tree = tree;
        this.paramSlots = 2 * tree.maxParams();
        this.state = state;
        this.errors = errors;
        this.fallback = fallback != null ? fallback : new Endpoint() {
            @Override
            public Async<Response> call(Request request, RequestContext cx) {
                return Responses.ready(notFound(request));
            }
        };
        this.trailingSlash = trailingSlash;
    }

    @Override
    public Async<Response> call(Request request) {
        String path = request.path();
        int[] params = paramSlots == 0 ? NO_PARAMS : new int[paramSlots];
        MethodTable table = tree.find(path, params);
        if (table == null) {
            return miss(request);
        }
        return dispatch(request, path, params, table);
    }

    private Async<Response> dispatch(Request request, String path, int[] params, MethodTable table) {
        int i = table.indexOf(request.method());
        Route route;
        Endpoint endpoint;
        if (i >= 0) {
            route = table.route(i);
            endpoint = table.endpoint(i);
        } else if (table.any() != null) {
            route = table.anyRoute();
            endpoint = table.any();
        } else {
            return Responses.ready(methodNotAllowed(request, table));
        }
        return endpoint.call(request, new RequestContext(request, path, params, route, state, errors));
    }

    /**
     * The pattern of the route the path leads to, whatever the method (a 405 is still that
     * route's answer), or null when none does; follows {@link TrailingSlash#IGNORE}.
     */
    String patternOf(String path) {
        int[] params = paramSlots == 0 ? NO_PARAMS : new int[paramSlots];
        MethodTable table = tree.find(path, params);
        if (table == null && trailingSlash == TrailingSlash.IGNORE && path.length() > 1) {
            table = tree.find(path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/", params);
        }
        return table == null ? null : table.pattern();
    }

    /** Nothing matched: maybe the other trailing-slash form does, else the fallback answers. */
    private Async<Response> miss(Request request) {
        String path = request.path();
        if (trailingSlash != TrailingSlash.STRICT) {
            String other = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
            int[] params = paramSlots == 0 ? NO_PARAMS : new int[paramSlots];
            MethodTable table = other.isEmpty() ? null : tree.find(other, params);
            if (table != null && trailingSlash == TrailingSlash.REDIRECT) {
                String query = request.query();
                return Responses.ready(Response.builder(HttpStatus.of(308))
                        .header("Location", query == null ? other : other + "?" + query)
                        .build());
            }
            if (table != null) {
                return dispatch(request, other, params, table);
            }
        }
        return fallback.call(request, new RequestContext(request, path, NO_PARAMS, FALLBACK, state, errors));
    }

    private static Response methodNotAllowed(Request request, MethodTable table) {
        Response r = Problem.of(HttpStatus.METHOD_NOT_ALLOWED)
                .detail("method " + request.method().name() + " is not allowed; allowed: " + table.allow())
                .toResponse();
        r.headers().set("Allow", table.allow());
        return r;
    }

    private static Response notFound(Request request) {
        return Problem.of(HttpStatus.NOT_FOUND).detail("no route for " + request.method().name() + " " + request.path())
                .toResponse();
    }
}
