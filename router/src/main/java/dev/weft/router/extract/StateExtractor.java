package dev.weft.router.extract;

import dev.weft.http.HttpStatus;

import dev.weft.router.Extractor;
import dev.weft.router.Rejection;
import dev.weft.router.RequestContext;
import dev.weft.router.internal.RouteCheck;

/** Shared state; that the router holds it is checked when the router starts. */
final class StateExtractor<T> implements Extractor<T>, RouteCheck {
    private final Class<T> type;

    StateExtractor(Class<T> type) {
        this.type = type;
    }

    @Override
    public T extract(RequestContext cx) {
        // Checked at startup unless wrapped in optional(...), which turns this into empty.
        return cx.state(type).orElseThrow(() -> Rejection.of(HttpStatus.INTERNAL_SERVER_ERROR, "state " + type.getName(), "missing"));
    }

    @Override
    public Class<?> stateType() {
        return type;
    }
}
