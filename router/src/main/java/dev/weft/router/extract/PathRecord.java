package dev.weft.router.extract;

import dev.weft.router.Extractor;
import dev.weft.router.RequestContext;
import dev.weft.router.internal.RouteCheck;

import java.util.List;

/** All path parameters into a record whose components are named like them. */
final class PathRecord<R> implements Extractor<R>, RouteCheck {
    private final RecordBinder<R> binder;

    PathRecord(Class<R> type) {
        this.binder = RecordBinder.of(type);
    }

    @Override
    public R extract(RequestContext cx) {
        return binder.bind(new Source() {
            @Override
            public String first(String name) {
                return cx.pathParam(name);
            }

            @Override
            public List<String> all(String name) {
                String v = cx.pathParam(name);
                return v == null ? List.of() : List.of(v);
            }
        }, "path parameter");
    }

    @Override
    public void check(String pattern, List<String> paramNames) {
        for (String name : binder.names()) {
            if (!paramNames.contains(name)) {
                throw new IllegalArgumentException("path parameter '" + name + "' is not in the pattern (it has "
                        + paramNames + ")");
            }
        }
    }
}
