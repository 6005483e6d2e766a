package dev.weft.router.middleware;

import dev.weft.router.Middleware;

import java.time.Duration;

/**
 * The built-in middleware. Add them to a router with {@link dev.weft.router.Router#layer}; they
 * run in the order added, so the list reads top to bottom as a request passes through:
 * <pre>{@code
 * Router.create()
 *         .layer(Layers.catchPanic())            // outermost: sees every failure below it
 *         .layer(Layers.requestId())             // X-Request-Id in, out, and as an extension
 *         .layer(Layers.traceContext())          // W3C traceparent in, trace_id/span_id in the MDC
 *         .layer(Layers.accessLog())             // one line per response (text; or JSON, see below)
 *         .layer(Layers.timeout(Duration.ofSeconds(10)))
 *         .layer(Layers.cors(Cors.builder().allowOrigin("https://app.example").build()))
 *         .layer(Layers.compression())           // gzip when the client accepts it
 *         .layer(Layers.bodyLimit(64 * 1024))    // body extractors refuse more
 *         .get("/", () -> "hello");
 * }</pre>
 * A user-written layer is a lambda: {@code (request, next) -> next.call(request)}.
 */
public final class Layers {
    private Layers() {
    }

    /**
     * Answers {@code 503 Service Unavailable} (a problem) when the layers and handler below have
     * not produced a response within {@code limit}; the handler is cancelled (a blocking handler's
     * thread is interrupted). Streaming a body is not bounded by this. The server counts each such
     * answer in {@link dev.weft.server.ServerStats#requestsTimedOut()}.
     */
    public static Middleware timeout(Duration limit) {
        return new TimeoutLayer(limit);
    }

    /**
     * Gives each request an id: the client's {@code X-Request-Id} when it is a sane token (up to 64
     * characters of letters, digits, {@code -_.:}), otherwise a new random one. The id is attached as
     * a {@link RequestId} extension (for handlers and logs) and echoed in the response header.
     */
    public static Middleware requestId() {
        return new RequestIdLayer();
    }

    /** CORS (the Fetch standard): answers preflights and adds the allow headers to responses. */
    public static Middleware cors(Cors cors) {
        return cors;
    }

    /**
     * Gzip for clients that accept it ({@code Accept-Encoding}, with q-values), for bodies with a
     * compressible type (text, JSON, XML, JavaScript, SVG) of at least 1 KiB: smaller bodies are not
     * worth the CPU. Streamed bodies of unknown length are compressed as they flow, flushed after
     * each piece; event streams pass through untouched.
     */
    public static Middleware compression() {
        return new CompressionLayer(1024);
    }

    /** {@link #compression()} with another minimum size. */
    public static Middleware compression(int minBytes) {
        return new CompressionLayer(minBytes);
    }

    /**
     * Limits what body extractors buffer to {@code maxBytes} (instead of 2 MiB); a request whose
     * {@code Content-Length} is larger is refused with 413 before its handler runs.
     */
    public static Middleware bodyLimit(long maxBytes) {
        return new BodyLimitLayer(maxBytes);
    }

    /**
     * W3C Trace Context (Level 1): reads {@code traceparent} and {@code tracestate} strictly, keeps
     * the caller's trace id when its {@code traceparent} is valid and starts a new trace when it is
     * absent or malformed, and gives the request a new span id. The result is a
     * {@link TraceContext} extension for handlers, and is in the SLF4J MDC as {@code trace_id} and
     * {@code span_id} for every log line written on behalf of the request: in layers and handlers
     * below this one, on the worker that polls them, and in blocking handlers on their virtual
     * thread. The response carries {@code traceresponse: 00-<trace-id>-<span-id>-<flags>} (the
     * response header of the Trace Context editor's draft; Level 1 defines none). Add it before the
     * access log so that its lines carry the ids.
     */
    public static Middleware traceContext() {
        return new TraceContextLayer();
    }

    /**
     * Bounds the requests in progress through this router (or the route group it is added to) at
     * {@code maxInFlight}: one more is answered at once with {@code 503} problem+json and
     * {@code Retry-After: 1}, instead of queueing behind the others without bound. A permit is
     * held from the request's arrival at this layer until its handler has answered (a response
     * head), failed, or been cancelled (the client disconnected, a timeout above gave up); a
     * streamed response body does not hold it. Each call makes a new, independent limit. The server
     * counts each refusal in {@link dev.weft.server.ServerStats#requestsOverloaded()}.
     * <pre>{@code
     * Router reports = Router.create()
     *         .layer(Layers.concurrencyLimit(8))   // at most 8 report queries at a time
     *         .get("/reports/{id}", path("id", long.class), Handler.blocking(id -> db.report(id)));
     * }</pre>
     */
    public static Middleware concurrencyLimit(int maxInFlight) {
        return new ConcurrencyLimitLayer(maxInFlight);
    }

    /**
     * Logs one line per response at INFO on logger {@code dev.weft.router.access}: client address,
     * method, target, status, the time until the response head was ready, and the request id and
     * trace id when {@link #requestId()} and {@link #traceContext()} are in the stack; as text. See
     * {@link #accessLog(dev.weft.router.Router, AccessLogFormat)} for the route pattern and JSON.
     */
    public static Middleware accessLog() {
        return new AccessLogLayer(null, AccessLogFormat.TEXT);
    }

    /**
     * The access log with the route pattern ({@code /users/{id}}, from {@code routes}) and in the
     * given format, one line or one JSON object per response:
     * <pre>{@code
     * Router router = Router.create();
     * router.layer(Layers.requestId()).layer(Layers.traceContext())
     *       .layer(Layers.accessLog(router, AccessLogFormat.JSON));
     * }</pre>
     *
     * @param routes the router this layer is added to, whose patterns name the route; null for none
     */
    public static Middleware accessLog(dev.weft.router.Router routes, AccessLogFormat format) {
        return new AccessLogLayer(routes, java.util.Objects.requireNonNull(format, "format"));
    }

    /**
     * Turns an exception from the layers and handler below (thrown, or failing their async
     * response) into a {@code 500} problem carrying an error id; the exception is logged once,
     * with that id. The router already does this for handlers; put this layer outermost to cover
     * other middleware too.
     */
    public static Middleware catchPanic() {
        return new CatchPanicLayer();
    }
}
