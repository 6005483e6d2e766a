package dev.weft.router;

import dev.weft.http.HttpMethod;
import dev.weft.router.internal.Errors;
import dev.weft.router.internal.Json;
import dev.weft.router.internal.PathPattern;
import dev.weft.router.internal.PathTree;
import dev.weft.router.internal.Responses;
import dev.weft.router.internal.RouteCheck;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Server;
import dev.weft.server.Service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import tools.jackson.databind.json.JsonMapper;

/**
 * Routes requests by method and path to typed handlers; a {@link Service} the server can run.
 *
 * <pre>{@code
 * import static dev.weft.router.extract.Extractors.*;
 *
 * Router router = Router.create()
 *         .withState(UserStore.class, new PgUserStore())   // under the interface routes ask for
 *         .get("/", () -> "Hello, World!")
 *         .get("/users/{id}", path("id", long.class), id -> "user " + id)
 *         .get("/users", state(UserStore.class), query(Page.class), (users, page) -> users.list(page))
 *         .post("/users", state(UserStore.class), json(NewUser.class), (users, user) -> users.add(user))
 *         .nest("/admin", AdminApi.router());
 * }</pre>
 *
 * <h2>Routes</h2>
 * A route is a method ({@code get}, {@code post}, {@code put}, {@code patch}, {@code delete},
 * {@code head}, {@code options}, {@code any}, or {@code route(method, ...)}), a path pattern,
 * zero to six extractors and a handler taking their values. Patterns have static segments,
 * {@code {name}} parameters (a whole segment, or part of one beside static text:
 * {@code /files/{name}.json}, {@code /v{version}/items}) and a final {@code {*rest}} catch-all (one or more
 * characters); static segments win over parameters, parameters over catch-alls. Routes are kept in
 * a radix tree; adding a route that conflicts with another fails at once, naming both.
 * A GET route also answers HEAD. A path with routes, but none for the method, is answered
 * {@code 405} with {@code Allow}; a path without routes goes to the {@link #fallback} (404 by
 * default). Trailing slashes are significant unless {@link #trailingSlash} says otherwise.
 *
 * <h2>Extractors</h2>
 * See {@link dev.weft.router.extract.Extractors}. A body extractor can only be the last one: the
 * route methods do not accept it elsewhere. Path extractors are checked against the pattern and
 * state extractors against the router's state when the router starts.
 *
 * <h2>Return values</h2>
 * {@code String} (text/plain), {@code byte[]} (octet-stream), any other object or record (JSON,
 * with Jackson), an {@code HttpStatus}, a {@link Response}, a {@link Problem}, any
 * {@link IntoResponse} (such as an SSE stream), a {@code Publisher<ByteBuffer>} (streamed),
 * {@code Optional} (empty is a 404), {@code null} (an empty 200), or an
 * {@link dev.weft.runtime.Async} or {@code CompletionStage} of any of these. Thrown {@link IntoResponse} exceptions (such as
 * {@link HttpException}) and exceptions mapped with {@link #onError} become their response; others
 * a 500 with a logged error id.
 *
 * <h2>Handler kinds</h2>
 * Non-blocking, async and blocking: see {@link Handler}.
 *
 * <h2>Layers</h2>
 * {@link #layer} wraps the router, first layer outermost; {@link #group} puts a layer around a few
 * routes only (as does merging or nesting a router that has layers).
 *
 * <p>A router is built on one thread, then frozen when a server starts it (or by {@link #routes()},
 * or its first request): missing state fails the start there, and a router that declares JSON
 * builds Jackson and its readers there rather than on a worker;
 * after that it is immutable and safe to share.
 */
public final class Router extends RouteMethods implements Service {

    private final PathTree<MethodTable> tree = new PathTree<>();
    private final List<Entry> entries = new ArrayList<>();
    private final List<Middleware> layers = new ArrayList<>();
    private final Map<Class<?>, Object> state = new HashMap<>();
    private final List<Errors.Mapper> mappers = new ArrayList<>();
    /** Told about each server that starts running this router; merged and nested routers' too. */
    private final List<Consumer<? super Server>> onServerStarting = new ArrayList<>();
    private Endpoint fallback;
    private TrailingSlash trailingSlash = TrailingSlash.STRICT;
    /** The JSON mapper set with {@link #json}, or null for Jackson's defaults. */
    private JsonMapper jsonMapper;
    private volatile Compiled compiled;

    /**
     * The order of {@link #routes()}. A class rather than {@code Comparator.comparing(...)}: routes()
     * runs at startup, where each lambda costs a class spun at first use.
     */
    private static final Comparator<RouteInfo> BY_PATTERN_THEN_METHOD = new Comparator<>() {
        @Override
        public int compare(RouteInfo a, RouteInfo b) {
            int byPattern = a.pattern().compareTo(b.pattern());
            return byPattern != 0 ? byPattern : a.method().compareTo(b.method());
        }
    };

    /** A route as added: kept to list routes and to copy them into another router. */
    private record Entry(HttpMethod method, PathPattern pattern, Route route, Endpoint endpoint,
                         List<Class<?>> needs, List<RouteCheck> checks) {
    }

    /** The dispatcher inside the router's layers, fixed at the first request. */
    private record Compiled(Service service, Dispatcher dispatcher, Responses.ErrorMapper errors) {
    }

    private Router() {
    }

    /** An empty router. */
    public static Router create() {
        return new Router();
    }

    @Override
    Router add(HttpMethod method, String path, Spec spec) {
        mutable();
        PathPattern pattern = PathPattern.parse(path);
        String methodName = method == null ? "*" : method.name();
        List<Class<?>> needs = new ArrayList<>();
        List<RouteCheck> checks = new ArrayList<>();
        for (Object extractor : spec.extractors()) {
            if (extractor instanceof RouteCheck check) {
                checks.add(check);
                try {
                    check.check(path, pattern.names());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("route " + methodName + " " + path + ": " + e.getMessage(), e);
                }
                if (check.stateType() != null) {
                    needs.add(check.stateType());
                }
            }
        }
        Route route = Route.of(methodName, path, pattern.names(), spec.handler(), spec.invoker());
        insert(new Entry(method, pattern, route, Endpoint.of(spec.invoker()), List.copyOf(needs),
                List.copyOf(checks)));
        return this;
    }

    private void insert(Entry e) {
        MethodTable table = tree.putIfAbsent(e.pattern(), new MethodTable());
        table.add(e.method(), e.route(), e.endpoint());
        entries.add(e);
    }

    /**
     * Adds {@code layer} around this router: around all its routes, the 405 answers and the
     * fallback. Layers run in the order they are added, the first outermost.
     */
    public Router layer(Middleware layer) {
        mutable();
        layers.add(Objects.requireNonNull(layer, "layer"));
        return this;
    }

    /**
     * Adds routes that run inside {@code layer}, which the router's other routes do not see:
     * <pre>{@code
     * router.get("/", () -> "fast")
     *       .group(Layers.timeout(Duration.ofSeconds(1)), slow -> slow
     *               .get("/report", blocking(() -> reports.build()))
     *               .get("/export", blocking(() -> exports.build())));
     * }</pre>
     * The same as merging a router with that layer; groups nest.
     */
    public Router group(Middleware layer, Consumer<Router> routes) {
        Router inner = Router.create().layer(layer);
        routes.accept(inner);
        return merge(inner);
    }

    /**
     * Makes {@code value} available to {@code state(type)} extractors, under its own class.
     * State is shared by all requests: make it thread-safe.
     */
    public Router withState(Object value) {
        return withState(erase(value.getClass()), value);
    }

    /**
     * Makes {@code value} available to {@code state(type)} extractors under {@code type}, which may
     * be an interface or a superclass of the value's class:
     * <pre>{@code
     * router.withState(UserStore.class, new PgUserStore())
     *       .get("/users", state(UserStore.class), users -> users.all());
     * }</pre>
     * A route extracting a state the router does not hold fails the server's start (or
     * {@link #routes()}), naming the route and the type.
     */
    public <T> Router withState(Class<T> type, T value) {
        mutable();
        state.put(type, type.cast(Objects.requireNonNull(value, "value")));
        return this;
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> erase(Class<?> c) {
        return (Class<T>) c;
    }

    /**
     * Sets the Jackson mapper for every JSON this router reads and writes: {@code json(...)}
     * extractors, records and other objects returned by handlers, {@link JsonResponse}, and the
     * extension members of {@code application/problem+json} answers (the standard members
     * {@code type}, {@code title}, {@code status}, {@code detail} keep their RFC 9457 names). For
     * example, snake_case names, a module and a stricter reader:
     * <pre>{@code
     * router.json(JsonMapper.builder()
     *         .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
     *         .addModule(new MyModule())
     *         .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
     *         .build());
     * }</pre>
     * The default is {@code JsonMapper.builder().build()}. A router merged or nested into this one
     * brings its mapper if this one has none; two different mappers are an error. The in-process
     * {@code TestClient}'s {@code json(...)} helpers and {@code SseEvent.json} use Jackson's defaults.
     */
    public Router json(JsonMapper mapper) {
        mutable();
        this.jsonMapper = Objects.requireNonNull(mapper, "mapper");
        return this;
    }

    /**
     * Answers exceptions of {@code type} thrown by handlers with {@code map}'s result, which is
     * converted like a handler's return value:
     * <pre>{@code
     * router.onError(NoSuchElementException.class, e -> Problem.of(HttpStatus.NOT_FOUND).detail(e.getMessage()));
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public <E extends Throwable> Router onError(Class<E> type, Function<? super E, ?> map) {
        mutable();
        mappers.add(new Errors.Mapper(type, t -> ((Function<Object, Object>) map).apply(t)));
        return this;
    }

    /**
     * Runs {@code listener} with each {@link Server} that starts running this router (or a router
     * it is merged or nested into), after the server bound its port and before its first
     * connection. {@code Health}'s readiness endpoint uses it to follow the server's phase. For example:
     * <pre>{@code
     * router.onServerStarting(server -> log.info("serving on port {}", server.port()));
     * }</pre>
     */
    public Router onServerStarting(Consumer<? super Server> listener) {
        mutable();
        onServerStarting.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Freezes the router on the thread starting {@code server} (so a missing state or a conflict
     * fails the start, and Jackson and the extractors' readers are built there rather than on a
     * worker at the first request), then tells every {@link #onServerStarting} listener, of this
     * router and of those merged or nested into it.
     */
    @Override
    public void serverStarting(Server server) {
        compiled();
        for (Consumer<? super Server> listener : onServerStarting) {
            listener.accept(server);
        }
    }

    /**
     * Replaces the 404 answer for paths no route matches. The handler gets the request and may
     * return anything a route handler may.
     */
    public Router fallback(Handler.H1<Request> handler) {
        mutable();
        Objects.requireNonNull(handler, "handler");
        this.fallback = Endpoint.of(cx -> handler.handle(cx.request()));
        return this;
    }

    /** Sets the trailing-slash policy (default {@link TrailingSlash#STRICT}). */
    public Router trailingSlash(TrailingSlash policy) {
        mutable();
        this.trailingSlash = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Adds all routes of {@code other} to this router, inside {@code other}'s layers, with its
     * state, error mappers and fallback (a fallback in both is an error).
     *
     * @throws IllegalArgumentException if a route conflicts with one of this router's
     */
    public Router merge(Router other) {
        return graft("", other);
    }

    /**
     * Adds all routes of {@code other} under {@code prefix}: {@code /users/{id}} nested at
     * {@code /api} is {@code /api/users/{id}}, and {@code /} is {@code /api}. Requests under the
     * prefix that no route of {@code other} matches go to {@code other}'s fallback if it has one.
     */
    public Router nest(String prefix, Router other) {
        PathPattern p = PathPattern.parse(prefix);
        if (prefix.endsWith("/") || p.hasCatchAll()) {
            throw new IllegalArgumentException("invalid nest prefix '" + prefix
                    + "': it must not end with '/' or contain a catch-all");
        }
        return graft(prefix, other);
    }

    private Router graft(String prefix, Router other) {
        mutable();
        if (other == this) {
            throw new IllegalArgumentException("a router cannot be merged into itself");
        }
        for (Entry e : other.entries) {
            String pattern = prefix.isEmpty() ? e.route().pattern()
                    : e.route().pattern().equals("/") ? prefix : prefix + e.route().pattern();
            PathPattern parsed = PathPattern.parse(pattern);
            insert(new Entry(e.method(), parsed, e.route().withPattern(pattern, parsed.names()),
                    other.wrap(e.endpoint()), e.needs(), e.checks()));
        }
        for (Map.Entry<Class<?>, Object> s : other.state.entrySet()) {
            Object mine = state.putIfAbsent(s.getKey(), s.getValue());
            if (mine != null && mine != s.getValue()) {
                throw new IllegalArgumentException("both routers hold a different state of type "
                        + s.getKey().getName());
            }
        }
        if (other.jsonMapper != null) {
            if (jsonMapper != null && jsonMapper != other.jsonMapper) {
                throw new IllegalArgumentException("both routers configure a different JSON mapper; "
                        + "a router serves with one (set it on the outer router only)");
            }
            jsonMapper = other.jsonMapper;
        }
        mappers.addAll(other.mappers);
        onServerStarting.addAll(other.onServerStarting);
        if (other.fallback != null) {
            Endpoint fb = other.wrap(other.fallback);
            if (prefix.isEmpty()) {
                if (fallback != null) {
                    throw new IllegalArgumentException("both routers have a fallback");
                }
                fallback = fb;
            } else {
                Route route = Route.named("*", prefix + "/{*rest}", List.of("rest"), "fallback", null);
                addFallbackRoute(prefix, fb, Route.named("*", prefix, List.of(), "fallback", null));
                addFallbackRoute(prefix + "/{*rest}", fb, route);
            }
        }
        return this;
    }

    private void addFallbackRoute(String pattern, Endpoint fb, Route route) {
        PathPattern parsed = PathPattern.parse(pattern);
        MethodTable table = tree.putIfAbsent(parsed, new MethodTable());
        if (table.anyRoute() == null) {
            // Not listed in routes(): it is the nested router's fallback, not a route.
            table.add(null, route, fb);
        }
    }

    private Endpoint wrap(Endpoint endpoint) {
        Endpoint e = endpoint;
        for (int i = layers.size() - 1; i >= 0; i--) {
            e = e.layered(layers.get(i));
        }
        return e;
    }

    /** All routes, sorted by pattern then method, for printing at startup. Freezes the router. */
    public List<RouteInfo> routes() {
        compiled();
        List<RouteInfo> routes = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            routes.add(new RouteInfo(e.route().method(), e.route().pattern(), e.route().handlerName()));
        }
        routes.sort(BY_PATTERN_THEN_METHOD);
        return Collections.unmodifiableList(routes);
    }

    /**
     * The pattern of the route that {@code path} leads to, as written (with any nesting prefix):
     * {@code /users/{id}} for {@code /users/7}, whatever the method (a path whose routes are all
     * for other methods gives their pattern: they answer its 405); null when no route matches and
     * the fallback answers. For labels in metrics and logs, which must not carry raw paths (one
     * series per path would be unbounded). Freezes the router.
     *
     * <pre>{@code
     * String route = router.routePattern(request.path());   // "/users/{id}", or null
     * }</pre>
     */
    public String routePattern(String path) {
        return compiled().dispatcher().patternOf(Objects.requireNonNull(path, "path"));
    }

    @Override
    public Async<Response> call(Request request) {
        Compiled c = compiled();
        try {
            return c.service().call(request);
        } catch (Throwable t) {
            return Responses.ready(c.errors().toResponse(t, request));
        }
    }

    private Compiled compiled() {
        Compiled c = compiled;
        if (c == null) {
            synchronized (this) {
                c = compiled;
                if (c == null) {
                    c = compile();
                    compiled = c;
                }
            }
        }
        return c;
    }

    private Compiled compile() {
        for (Entry e : entries) {
            for (Class<?> needed : e.needs()) {
                if (!state.containsKey(needed)) {
                    throw new IllegalStateException("route " + e.route().method() + " " + e.route().pattern()
                            + " (" + e.route().handlerName() + ") extracts state " + needed.getName()
                            + ", but the router has none: add it with withState(" + needed.getSimpleName()
                            + ".class, value)" + registeredUnder(needed));
                }
            }
        }
        // Jackson's first use loads a few hundred classes and spins dozens of hidden ones: done
        // here, on the thread starting the server, for a router that declares JSON (a json(...)
        // extractor, or a mapper of its own), not on a worker serving the first JSON request. A
        // router that only might write JSON (a record returned, a 404 problem) defers it to that
        // first use, keeping a plain-text server's start lean (StartupClassesTest); the stall
        // detector reports such a first use at DEBUG, not as a blocked worker.
        boolean declaresJson = jsonMapper != null;
        for (Entry e : entries) {
            for (RouteCheck check : e.checks()) {
                declaresJson |= check.readsJson();
            }
        }
        Json json = jsonMapper == null ? Json.defaults() : Json.of(jsonMapper);
        if (declaresJson) {
            json.warm();
            for (Entry e : entries) {
                for (RouteCheck check : e.checks()) {
                    check.prepare(json);
                }
            }
        }
        Errors errors = new Errors(mappers, json);
        Dispatcher dispatcher = new Dispatcher(tree, Map.copyOf(state), errors, fallback, trailingSlash);
        Service service = dispatcher;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Middleware layer = layers.get(i);
            Service next = service;
            service = request -> layer.handle(request, next);
        }
        return new Compiled(service, dispatcher, errors);
    }

    /** A hint when a state is registered under a subtype of the one a route asks for. */
    private String registeredUnder(Class<?> needed) {
        for (Class<?> held : state.keySet()) {
            if (needed.isAssignableFrom(held)) {
                return "; the router holds a " + held.getName() + ", registered under its own class: register it as "
                        + "withState(" + needed.getSimpleName() + ".class, value)";
            }
        }
        return "";
    }

    private void mutable() {
        if (compiled != null) {
            throw new IllegalStateException("the router is already serving (or its routes were listed); "
                    + "build it completely first");
        }
    }
}
