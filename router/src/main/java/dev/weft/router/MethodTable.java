package dev.weft.router;

import dev.weft.http.HttpMethod;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The routes of one path pattern, by method: what the radix tree stores. A handful of methods per
 * pattern, so a linear scan beats any map.
 */
final class MethodTable {
    private HttpMethod[] methods = new HttpMethod[0];
    private Route[] routes = new Route[0];
    private Endpoint[] endpoints = new Endpoint[0];
    private Route anyRoute;
    private Endpoint any;
    private String allow = "";

    /** Adds a route; {@code method == null} is {@code any}. */
    void add(HttpMethod method, Route route, Endpoint endpoint) {
        Route existing = method == null ? anyRoute : find(method);
        if (existing != null) {
            throw new IllegalArgumentException("route " + route.method() + " " + route.pattern()
                    + " (" + route.handlerName() + ") conflicts with route " + existing.method() + " "
                    + existing.pattern() + " (" + existing.handlerName() + "): same method and path");
        }
        if (method == null) {
            anyRoute = route;
            any = endpoint;
            return;
        }
        int n = methods.length;
        methods = Arrays.copyOf(methods, n + 1);
        routes = Arrays.copyOf(routes, n + 1);
        endpoints = Arrays.copyOf(endpoints, n + 1);
        methods[n] = method;
        routes[n] = route;
        endpoints[n] = endpoint;
        allow = computeAllow();
    }

    private Route find(HttpMethod method) {
        int i = exactIndexOf(method);
        return i < 0 ? null : routes[i];
    }

    /** The index of the route for {@code method}, falling back from HEAD to GET; -1 if none. */
    int indexOf(HttpMethod method) {
        int i = exactIndexOf(method);
        if (i < 0 && method.equals(HttpMethod.HEAD)) {
            return exactIndexOf(HttpMethod.GET);
        }
        return i;
    }

    private int exactIndexOf(HttpMethod method) {
        HttpMethod[] ms = methods;
        for (int i = 0; i < ms.length; i++) {
            if (ms[i] == method) {
                return i;
            }
        }
        for (int i = 0; i < ms.length; i++) {
            if (ms[i].equals(method)) {
                return i;
            }
        }
        return -1;
    }

    Route route(int i) {
        return routes[i];
    }

    Endpoint endpoint(int i) {
        return endpoints[i];
    }

    Route anyRoute() {
        return anyRoute;
    }

    /** The pattern these routes share (each table holds the routes of one pattern). */
    String pattern() {
        return routes.length > 0 ? routes[0].pattern() : anyRoute.pattern();
    }

    Endpoint any() {
        return any;
    }

    /** The {@code Allow} header value for a 405: the methods present, with HEAD when GET is. */
    String allow() {
        return allow;
    }

    private String computeAllow() {
        StringJoiner j = new StringJoiner(", ");
        boolean get = false;
        boolean head = false;
        for (HttpMethod m : methods) {
            j.add(m.name());
            get |= m.equals(HttpMethod.GET);
            head |= m.equals(HttpMethod.HEAD);
        }
        if (get && !head) {
            j.add("HEAD");
        }
        return j.toString();
    }
}
