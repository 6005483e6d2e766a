package dev.weft.router;

import dev.weft.router.internal.PercentDecoder;
import dev.weft.router.internal.Responses;
import dev.weft.server.Request;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

/**
 * What an {@link Extractor} sees: the request, the route it matched and the path parameters the
 * router found, and the router's shared state. Path parameters are kept as offsets into the path
 * until asked for, so routing a request allocates no strings.
 */
public final class RequestContext {

    private Request request;
    private final String path;
    private final int[] params;
    private final Route route;
    private final Map<Class<?>, Object> state;
    private final Responses.ErrorMapper errors;

    RequestContext(Request request, String path, int[] params, Route route, Map<Class<?>, Object> state,
                   Responses.ErrorMapper errors) {
        this.request = request;
        this.path = path;
        this.params = params;
        this.route = route;
        this.state = state;
        this.errors = errors;
    }

    Responses.ErrorMapper errors() {
        return errors;
    }

    /** The request; its body is consumed by at most one {@link BodyExtractor}. */
    public Request request() {
        return request;
    }

    void request(Request request) {
        this.request = request;
    }

    /** The pattern of the matched route, as written (with any nesting prefix): {@code /users/{id}}. */
    public String routePattern() {
        return route.pattern();
    }

    /** The names of the path parameters of the matched route, in order. */
    public List<String> pathParamNames() {
        return route.paramNames();
    }

    /**
     * The percent-decoded value of path parameter {@code name}, or {@code null} if the route has no
     * such parameter.
     *
     * @throws Rejection if the value is not valid percent-encoded UTF-8
     */
    public String pathParam(String name) {
        String[] names = route.paramArray();
        for (int i = 0; i < names.length; i++) {
            if (names[i] == name || names[i].equals(name)) {
                try {
                    return PercentDecoder.decode(path, params[2 * i], params[2 * i + 1], false);
                } catch (IllegalArgumentException e) {
                    throw Rejection.invalid("path parameter '" + name + "'", e.getMessage());
                }
            }
        }
        return null;
    }

    /**
     * The router's JSON mapper ({@link Router#json}, or Jackson's defaults), for extractors of
     * your own that read JSON the way {@code json(...)} does.
     */
    public JsonMapper jsonMapper() {
        return errors.json().mapper();
    }

    /** The shared state of type {@code type} given to the router with {@link Router#withState}. */
    public <T> Optional<T> state(Class<T> type) {
        return Optional.ofNullable(type.cast(state.get(type)));
    }
}
