package dev.weft.router.internal;

import java.util.List;

/**
 * Implemented by built-in extractors that can be checked when their route is added: path
 * extractors name parameters that must be in the pattern, state extractors need a state the
 * router must hold. A failed check is a startup error, not a request-time surprise.
 */
public interface RouteCheck {

    /**
     * Checks the extractor against the route.
     *
     * @param pattern    the route pattern
     * @param paramNames the parameters the pattern declares
     * @throws IllegalArgumentException saying what is wrong
     */
    default void check(String pattern, List<String> paramNames) {
    }

    /**
     * Builds what the extractor will need with the router's JSON (a reader for its type), on the
     * thread that freezes the router, so the first request does not build it on a worker.
     */
    default void prepare(Json json) {
    }

    /** True for extractors that read JSON: the router then warms Jackson when it freezes. */
    default boolean readsJson() {
        return false;
    }

    /** The state type this extractor needs from the router, or {@code null}. */
    default Class<?> stateType() {
        return null;
    }
}
