package dev.weft.router.extract;

import dev.weft.http.HttpStatus;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpMethod;
import dev.weft.router.BodyExtractor;
import dev.weft.router.Extractor;
import dev.weft.router.Rejection;
import dev.weft.router.RequestContext;
import dev.weft.router.internal.BodyLimit;
import dev.weft.router.internal.Converter;
import dev.weft.router.internal.Mapped;
import dev.weft.runtime.Async;
import dev.weft.runtime.Poll;
import dev.weft.server.ClientInfo;
import dev.weft.server.Request;
import dev.weft.server.RequestBody;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;

/**
 * The built-in extractors; import them statically. Each is built once, with its route, so any
 * reflection (record components, Jackson readers) happens at startup. A request that does not
 * fit is answered with a 4xx problem naming the value and the reason, for example
 * {@code path parameter 'id': 'abc' is not a long}.
 *
 * <table>
 *   <caption>Extractors</caption>
 *   <tr><th>Extractor</th><th>Gives</th><th>Fails with</th></tr>
 *   <tr><td>{@code path("id", long.class)}, {@code path("name")}</td><td>a path parameter, converted</td><td>400</td></tr>
 *   <tr><td>{@code path(Ids.class)}</td><td>a record of path parameters</td><td>400</td></tr>
 *   <tr><td>{@code query(Page.class)}</td><td>a record of query parameters ({@link Default}, {@code Optional}, {@code List} components)</td><td>400</td></tr>
 *   <tr><td>{@code query("q", String.class)}</td><td>one query parameter</td><td>400</td></tr>
 *   <tr><td>{@code header("X-Api-Key")}, {@code header("X-Count", int.class)}, {@code headers()}</td><td>headers</td><td>400</td></tr>
 *   <tr><td>{@code cookie("session")}, {@code cookies()}</td><td>cookies</td><td>400</td></tr>
 *   <tr><td>{@code state(Store.class)}</td><td>the router's shared state</td><td>startup error if absent</td></tr>
 *   <tr><td>{@code extension(User.class)}</td><td>a value a middleware attached</td><td>500 (a wiring bug) if absent</td></tr>
 *   <tr><td>{@code remoteAddress()}, {@code clientAddress()}, {@code client()}</td><td>the peer; the client (and its scheme and host) behind trusted proxies</td><td>-</td></tr>
 *   <tr><td>{@code matchedPath()}, {@code method()}, {@code request()}</td><td>the route pattern, the method, the whole request</td><td>-</td></tr>
 *   <tr><td>{@code optional(e)}</td><td>{@code Optional.empty()} when the value is absent (still 400 when malformed)</td><td></td></tr>
 *   <tr><td>{@code json(Todo.class)}, {@code json(new TypeReference<List<Todo>>() {})}</td><td>the body as JSON (body, last)</td><td>415, 400, 413, 422</td></tr>
 *   <tr><td>{@code form(Login.class)}</td><td>a URL-encoded form into a record (body, last)</td><td>415, 400, 413</td></tr>
 *   <tr><td>{@code bytes()}, {@code text()}, {@code body()}</td><td>the raw body buffered, or as a {@code Publisher<ByteBuffer>} (body, last)</td><td>413</td></tr>
 * </table>
 */
public final class Extractors {
    private Extractors() {
    }

    // ---- path ----

    /** Path parameter {@code name}, percent-decoded. */
    public static Extractor<String> path(String name) {
        return new PathParam<>(name, String.class);
    }

    /** Path parameter {@code name} converted to {@code type} (numbers, UUID, enums, ...). */
    public static <T> Extractor<T> path(String name, Class<T> type) {
        return new PathParam<>(name, type);
    }

    /** All path parameters into record {@code type}, whose component names match the parameter names. */
    public static <R extends Record> Extractor<R> path(Class<R> type) {
        return new PathRecord<>(type);
    }

    // ---- query ----

    /**
     * The query string into record {@code type}: a component is required unless it has a
     * {@link Default}, is an {@code Optional} (empty when absent) or a {@code List} (all values).
     */
    public static <R extends Record> Extractor<R> query(Class<R> type) {
        RecordBinder<R> binder = RecordBinder.of(type);
        return cx -> binder.bind(Pairs.parse(cx.request().query(), "query string"), "query parameter");
    }

    /** Query parameter {@code name} converted to {@code type}; required. */
    public static <T> Extractor<T> query(String name, Class<T> type) {
        Converter<T> converter = Converter.forType(type);
        String what = "query parameter '".concat(name).concat("'");
        return cx -> {
            String text = Pairs.parse(cx.request().query(), "query string").first(name);
            if (text == null) {
                throw Rejection.missing(what);
            }
            return convert(converter, text, what);
        };
    }

    // ---- headers and cookies ----

    /** The first value of header {@code name}; required. */
    public static Extractor<String> header(String name) {
        return header(name, String.class);
    }

    /** The first value of header {@code name}, converted; required. */
    public static <T> Extractor<T> header(String name, Class<T> type) {
        Converter<T> converter = Converter.forType(type);
        // concat, not '+': routes are declared at startup, where a '+' spins a class at first use.
        String what = "header '".concat(name).concat("'");
        return new Extractor<T>() {
            @Override
            public T extract(RequestContext cx) {
                String text = cx.request().headers().get(name);
                if (text == null) {
                    throw Rejection.missing(what);
                }
                return convert(converter, text.trim(), what);
            }
        };
    }

    /** All headers. */
    public static Extractor<HttpHeaders> headers() {
        return cx -> cx.request().headers();
    }

    /** The value of cookie {@code name}; required. */
    public static Extractor<String> cookie(String name) {
        String what = "cookie '".concat(name).concat("'");
        return cx -> {
            String value = parseCookies(cx.request()).get(name);
            if (value == null) {
                throw Rejection.missing(what);
            }
            return value;
        };
    }

    /** All cookies, by name, in the order sent (the first of duplicate names wins). */
    public static Extractor<Map<String, String>> cookies() {
        return cx -> parseCookies(cx.request());
    }

    private static Map<String, String> parseCookies(Request request) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String line : request.headers().getAll("Cookie")) {
            for (String pair : line.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                cookies.putIfAbsent(name, value);
            }
        }
        return Collections.unmodifiableMap(cookies);
    }

    // ---- state, extensions, connection, route ----

    /** The router's shared state of {@code type} (see {@code Router.withState}); checked at startup. */
    public static <T> Extractor<T> state(Class<T> type) {
        return new StateExtractor<>(Objects.requireNonNull(type, "type"));
    }

    /**
     * The request extension of {@code type} that a middleware attached. Its absence is a wiring bug
     * (a 500), not a client error; use {@code optional(extension(...))} when it may be absent.
     */
    public static <T> Extractor<T> extension(Class<T> type) {
        String what = "request extension " + type.getName();
        return cx -> cx.request().extension(type).orElseThrow(() -> Rejection.of(HttpStatus.INTERNAL_SERVER_ERROR, what,
                "missing: is the middleware that sets it installed?"));
    }

    /** The address of the connection's peer (a proxy, behind a load balancer). */
    public static Extractor<InetSocketAddress> remoteAddress() {
        return cx -> cx.request().remoteAddress();
    }

    /**
     * The client's address: the peer, or, when the peer is one of the server's
     * {@link dev.weft.server.TrustedProxies}, the address those proxies forwarded
     * ({@code Forwarded}, else {@code X-Forwarded-For}); see {@link Request#clientAddress()}.
     * <pre>{@code
     * router.get("/whoami", clientAddress(), a -> a.getHostString());
     * }</pre>
     */
    public static Extractor<InetSocketAddress> clientAddress() {
        return cx -> cx.request().clientAddress();
    }

    /**
     * The client's address, scheme and host as the client saw them, through trusted proxies (see
     * {@link Request#client()}), for example to build an absolute URL:
     * <pre>{@code
     * router.get("/self", client(), c -> c.scheme() + "://" + c.host() + "/self");
     * }</pre>
     */
    public static Extractor<ClientInfo> client() {
        return cx -> cx.request().client();
    }

    /** The pattern of the matched route, such as {@code /users/{id}}. */
    public static Extractor<String> matchedPath() {
        return cx -> cx.routePattern();
    }

    /** The request method. */
    public static Extractor<HttpMethod> method() {
        return cx -> cx.request().method();
    }

    /** The whole request. Reading its body here as well as with a body extractor fails. */
    public static Extractor<Request> request() {
        return cx -> cx.request();
    }

    /**
     * {@code extractor}'s value, or {@code Optional.empty()} when the request does not carry it at
     * all. A value that is present but malformed is still rejected.
     */
    public static <T> Extractor<Optional<T>> optional(Extractor<T> extractor) {
        return new Extractor<Optional<T>>() {
            @Override
            public Optional<T> extract(RequestContext cx) {
                try {
                    return Optional.ofNullable(extractor.extract(cx));
                } catch (Rejection r) {
                    if (r.isMissing() || r.status().code() == 500) {
                        return Optional.empty();
                    }
                    throw r;
                }
            }
        };
    }

    // ---- body (always the last extractor) ----

    /** The body as JSON into {@code type}; requires {@code Content-Type: application/json} (or {@code +json}). */
    public static <T> BodyExtractor<T> json(Class<T> type) {
        return new JsonBody<>(json -> json.reader(type));
    }

    /** The body as JSON into a generic type: {@code json(new TypeReference<List<Todo>>() {})}. */
    public static <T> BodyExtractor<T> json(TypeReference<T> type) {
        return new JsonBody<>(json -> json.reader(type));
    }

    /** An {@code application/x-www-form-urlencoded} body into record {@code type} (same rules as {@link #query(Class)}). */
    public static <R extends Record> BodyExtractor<R> form(Class<R> type) {
        return BodyReaders.form(RecordBinder.of(type));
    }

    /** The body's bytes, buffered up to the limit (2 MiB unless a body-limit layer says otherwise). */
    public static BodyExtractor<byte[]> bytes() {
        return BodyReaders.bytes();
    }

    /** The body as UTF-8 text, buffered up to the limit. */
    public static BodyExtractor<String> text() {
        return BodyReaders.text();
    }

    /**
     * The body as it arrives: a {@code Publisher<ByteBuffer>} whose demand drives reading, for
     * streaming without buffering. Under a body-limit layer, the stream fails with a
     * {@code BodyTooLargeException} once it passes the limit.
     */
    public static BodyExtractor<RequestBody> body() {
        return new BodyExtractor<>() {
            @Override
            public Async<RequestBody> extract(RequestContext cx) {
                RequestBody raw = cx.request().body();
                RequestBody b = cx.request().extension(BodyLimit.class)
                        .<RequestBody>map(limit -> new LimitedBody(raw, limit.bytes()))
                        .orElse(raw);
                return c -> Poll.ready(b);
            }
        };
    }

    /** {@code extractor}'s value, or {@code Optional.empty()} when the request has an empty body. */
    public static <T> BodyExtractor<Optional<T>> optional(BodyExtractor<T> extractor) {
        return BodyExtractor.of(cx -> {
            if (cx.request().body().isEmpty()) {
                return c -> Poll.ready(Optional.<T>empty());
            }
            Async<T> value = extractor.extract(cx);
            return Mapped.map(value, Optional::ofNullable);
        });
    }

    private static <T> T convert(Converter<T> converter, String text, String what) {
        try {
            return converter.convert(text);
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid(what, "'" + text + "' " + e.getMessage());
        }
    }
}
