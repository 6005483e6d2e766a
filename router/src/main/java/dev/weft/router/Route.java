package dev.weft.router;

import dev.weft.router.internal.HandlerNames;

import java.util.List;

/**
 * One route as the router runs it: its pattern and parameter names (for extractors), its method
 * and handler (named for listings and error messages only), and the invoker.
 *
 * <p>The handler's name is worked out when asked for, not when the route is added: naming a lambda
 * reads its {@link java.lang.invoke.SerializedLambda} through reflection, which at startup costs
 * method handles spun per route, for a name that only a route listing or a misconfigured router's
 * error ever shows.
 */
final class Route {
    private final String method;
    private final String pattern;
    private final List<String> paramNames;
    private final String[] paramArray;
    /** The handler, named by {@link HandlerNames} when asked; or a name given as it is ("fallback"). */
    private final Object handler;
    private final Spec.Invoker invoker;

    /** A route whose {@code handler} is named by {@link HandlerNames#of} when a listing asks. */
    static Route of(String method, String pattern, List<String> paramNames, Object handler, Spec.Invoker invoker) {
        return new Route(method, pattern, paramNames, handler, invoker);
    }

    /** A route named {@code name} as it is, such as a fallback. */
    static Route named(String method, String pattern, List<String> paramNames, String name, Spec.Invoker invoker) {
        return new Route(method, pattern, paramNames, new FixedName(name), invoker);
    }

    private Route(String method, String pattern, List<String> paramNames, Object handler, Spec.Invoker invoker) {
        this.method = method;
        this.pattern = pattern;
        this.paramNames = List.copyOf(paramNames);
        // Interned so that extractors declared with a literal name usually match by identity.
        this.paramArray = new String[paramNames.size()];
        for (int i = 0; i < paramArray.length; i++) {
            paramArray[i] = paramNames.get(i).intern();
        }
        this.handler = handler;
        this.invoker = invoker;
    }

    String method() {
        return method;
    }

    String pattern() {
        return pattern;
    }

    List<String> paramNames() {
        return paramNames;
    }

    String[] paramArray() {
        return paramArray;
    }

    /** Where the handler was written ({@code Class::method}), worked out anew at each call. */
    String handlerName() {
        return handler instanceof FixedName fixed ? fixed.name() : HandlerNames.of(handler);
    }

    Spec.Invoker invoker() {
        return invoker;
    }

    /** The same route under a longer pattern, for {@link Router#nest}. */
    Route withPattern(String pattern, List<String> paramNames) {
        return new Route(method, pattern, paramNames, handler, invoker);
    }

    /** A name given as it is, where there is no handler to name. */
    private record FixedName(String name) {
    }
}
