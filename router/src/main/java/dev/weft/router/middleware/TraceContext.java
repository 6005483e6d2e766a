package dev.weft.router.middleware;

/**
 * The W3C Trace Context of a request, set by {@link Layers#traceContext()}; extract it with
 * {@code extension(TraceContext.class)}. The trace id comes from the request's valid
 * {@code traceparent}, or is new when that header is absent or malformed; the span id is this
 * server's own part of the trace, new for every request.
 *
 * <pre>{@code
 * router.get("/orders", extension(TraceContext.class), trace ->
 *         downstream.get("/stock", Map.of("traceparent", trace.traceparent())));
 * }</pre>
 *
 * @param traceId    32 lower-case hex digits
 * @param spanId     16 lower-case hex digits: this request's span, the parent of calls made for it
 * @param parentId   the caller's span (16 hex digits), or null when the trace began here
 * @param flags      the trace-flags byte (bit 0: the caller may have recorded the trace)
 * @param traceState the caller's valid {@code tracestate}, normalised, or null
 */
public record TraceContext(String traceId, String spanId, String parentId, int flags, String traceState) {

    /** Whether the sampled flag is set. */
    public boolean sampled() {
        return (flags & 1) != 0;
    }

    /**
     * The {@code traceparent} to send on calls made on behalf of this request (version 00, this
     * span as their parent); send {@link #traceState()} with it, unchanged, when it is not null.
     */
    public String traceparent() {
        return dev.weft.router.internal.TraceParent.format(traceId, spanId, flags);
    }
}
