package dev.weft.router;

import java.util.List;

/**
 * What a route method received: the handler (kept to name the route), the invoker that runs the
 * extractors and the handler, and the extractors themselves (kept to check them against the
 * pattern and the router's state when the route is added).
 */
record Spec(Object handler, Invoker invoker, List<Object> extractors) {

    Spec(Object handler, Invoker invoker, Object... extractors) {
        this(handler, invoker, List.of(extractors));
    }

    /** Runs the extractors and the handler; returns what the handler returned. */
    @FunctionalInterface
    interface Invoker {
        Object invoke(RequestContext cx) throws Exception;
    }
}
