package dev.weft.router.extract;

import dev.weft.router.Extractor;
import dev.weft.router.Rejection;
import dev.weft.router.RequestContext;
import dev.weft.router.internal.Converter;
import dev.weft.router.internal.RouteCheck;

import java.util.List;

/** One path parameter, converted; its name is checked against the route pattern at startup. */
final class PathParam<T> implements Extractor<T>, RouteCheck {
    private final String name;
    private final Converter<T> converter;

    PathParam(String name, Class<T> type) {
        this.name = name.intern();
        this.converter = Converter.forType(type);
    }

    @Override
    public T extract(RequestContext cx) {
        String text = cx.pathParam(name);
        if (text == null) {
            throw Rejection.missing("path parameter '" + name + "'");
        }
        try {
            return converter.convert(text);
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("path parameter '" + name + "'", "'" + text + "' " + e.getMessage());
        }
    }

    @Override
    public void check(String pattern, List<String> paramNames) {
        if (!paramNames.contains(name)) {
            throw new IllegalArgumentException("path parameter '" + name + "' is not in the pattern (it has "
                    + paramNames + ")");
        }
    }
}
