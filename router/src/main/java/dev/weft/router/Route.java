package dev.weft.router;

import java.util.List;

/**
 * One route as the router runs it: its pattern and parameter names (for extractors), its method
 * and handler name (for listings), and the invoker.
 */
final class Route {
    private final String method;
    private final String pattern;
    private final List<String> paramNames;
    private final String[] paramArray;
    private final String handlerName;
    private final Spec.Invoker invoker;

    Route(String method, String pattern, List<String> paramNames, String handlerName, Spec.Invoker invoker) {
        this.method = method;
        this.pattern = pattern;
        this.paramNames = List.copyOf(paramNames);
        // Interned so that extractors declared with a literal name usually match by identity.
        this.paramArray = new String[paramNames.size()];
        for (int i = 0; i < paramArray.length; i++) {
            paramArray[i] = paramNames.get(i).intern();
        }
        this.handlerName = handlerName;
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

    String handlerName() {
        return handlerName;
    }

    Spec.Invoker invoker() {
        return invoker;
    }

    /** The same route under a longer pattern, for {@link Router#nest}. */
    Route withPattern(String pattern, List<String> paramNames) {
        return new Route(method, pattern, paramNames, handlerName, invoker);
    }
}
