package dev.weft.router.middleware;

import dev.weft.http.HeaderName;
import dev.weft.http.HttpHeaders;
import dev.weft.router.Middleware;
import dev.weft.router.internal.RandomIds;
import dev.weft.router.internal.TraceParent;
import dev.weft.router.internal.TraceState;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

import java.util.List;

import org.slf4j.MDC;

/**
 * See {@link Layers#traceContext}. The MDC keys are OpenTelemetry's names for the same values, so
 * log patterns and log shippers that know them work unchanged.
 */
final class TraceContextLayer implements Middleware {
    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";
    /** The response header of W3C Trace Context's editor's draft; Level 1 defines none for responses. */
    static final String TRACERESPONSE = "traceresponse";
    private static final HeaderName TRACEPARENT_NAME = HeaderName.of(TRACEPARENT);
    private static final HeaderName TRACERESPONSE_NAME = HeaderName.of(TRACERESPONSE);
    static final String MDC_TRACE_ID = "trace_id";
    static final String MDC_SPAN_ID = "span_id";

    @Override
    public Async<Response> handle(Request request, Service next) {
        HttpHeaders headers = request.headers();
        // Most requests carry no traceparent: then neither list is needed.
        TraceContext trace = headers.contains(TRACEPARENT_NAME)
                ? of(headers.getAll(TRACEPARENT_NAME), headers.getAll(TRACESTATE))
                : fresh();
        request.putExtension(TraceContext.class, trace);
        Async<Response> response;
        try (InMdc ignored = InMdc.enter(trace)) {
            response = next.call(request);
        }
        return new Traced(response, trace);
    }

    /**
     * The context for a request with these header lines: the caller's trace when exactly one valid
     * {@code traceparent} came (§3.2: several are invalid), else a new one; the caller's
     * {@code tracestate} only with its valid {@code traceparent} (§3.3: it is meaningless alone).
     */
    static TraceContext of(List<String> traceparents, List<String> tracestates) {
        TraceParent parent = traceparents.size() == 1 ? TraceParent.parse(traceparents.get(0)) : null;
        if (parent == null) {
            return fresh();
        }
        return new TraceContext(parent.traceId(), RandomIds.hex(1), parent.parentId(), parent.flags(),
                TraceState.parse(tracestates));
    }

    /** A new trace that begins here. */
    private static TraceContext fresh() {
        return new TraceContext(RandomIds.hex(2), RandomIds.hex(1), null, 0, null);
    }

    /**
     * The response, polled with the request's ids in the MDC of whichever thread polls it, and
     * given its {@code traceresponse} header when it is ready.
     */
    private static final class Traced implements Async<Response> {
        private final Async<Response> inner;
        private final TraceContext trace;

        Traced(Async<Response> inner, TraceContext trace) {
            this.inner = inner;
            this.trace = trace;
        }

        @Override
        public Poll<Response> poll(Context cx) {
            Poll<Response> p;
            try (InMdc ignored = InMdc.enter(trace)) {
                p = inner.poll(cx);
            }
            if (!p.isReady()) {
                return p;
            }
            return Poll.ready(Headers.set(p.value(), TRACERESPONSE_NAME, trace.traceparent()));
        }

        @Override
        public void cancel() {
            inner.cancel();
        }
    }

    /** The request's ids in this thread's MDC until closed, then what was there before. */
    private record InMdc(String previousTrace, String previousSpan) implements AutoCloseable {
        static InMdc enter(TraceContext trace) {
            InMdc saved = new InMdc(MDC.get(MDC_TRACE_ID), MDC.get(MDC_SPAN_ID));
            MDC.put(MDC_TRACE_ID, trace.traceId());
            MDC.put(MDC_SPAN_ID, trace.spanId());
            return saved;
        }

        @Override
        public void close() {
            restore(MDC_TRACE_ID, previousTrace);
            restore(MDC_SPAN_ID, previousSpan);
        }

        private static void restore(String key, String value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }
}
