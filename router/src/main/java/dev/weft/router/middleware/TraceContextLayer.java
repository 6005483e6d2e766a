package dev.weft.router.middleware;

import dev.weft.router.Middleware;
import dev.weft.router.internal.TraceParent;
import dev.weft.router.internal.TraceState;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

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
    static final String MDC_TRACE_ID = "trace_id";
    static final String MDC_SPAN_ID = "span_id";

    @Override
    public Async<Response> handle(Request request, Service next) {
        TraceContext trace = of(request.headers().getAll(TRACEPARENT), request.headers().getAll(TRACESTATE));
        request.putExtension(TraceContext.class, trace);
        Async<Response> response;
        try (InMdc ignored = InMdc.enter(trace)) {
            response = next.call(request);
        }
        String header = trace.traceparent();
        return new WithMdc(response, trace).map(r -> Headers.set(r, TRACERESPONSE, header));
    }

    /**
     * The context for a request with these header lines: the caller's trace when exactly one valid
     * {@code traceparent} came (§3.2: several are invalid), else a new one; the caller's
     * {@code tracestate} only with its valid {@code traceparent} (§3.3: it is meaningless alone).
     */
    static TraceContext of(List<String> traceparents, List<String> tracestates) {
        TraceParent parent = traceparents.size() == 1 ? TraceParent.parse(traceparents.get(0)) : null;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (parent == null) {
            return new TraceContext(randomHex(random, 2), randomHex(random, 1), null, 0, null);
        }
        return new TraceContext(parent.traceId(), randomHex(random, 1), parent.parentId(), parent.flags(),
                TraceState.parse(tracestates));
    }

    /** {@code longs} random 64-bit words as lower-case hex, never all zero (an invalid id). */
    private static String randomHex(ThreadLocalRandom random, int longs) {
        long[] words = new long[longs];
        boolean zero = true;
        for (int i = 0; i < longs; i++) {
            words[i] = random.nextLong();
            zero &= words[i] == 0;
        }
        if (zero) {
            words[longs - 1] = 1;
        }
        StringBuilder sb = new StringBuilder(16 * longs);
        for (long word : words) {
            String hex = Long.toHexString(word);
            sb.repeat('0', 16 - hex.length()).append(hex);
        }
        return sb.toString();
    }

    /** The response, polled with the request's ids in the MDC of whichever thread polls it. */
    private static final class WithMdc implements Async<Response> {
        private final Async<Response> inner;
        private final TraceContext trace;

        WithMdc(Async<Response> inner, TraceContext trace) {
            this.inner = inner;
            this.trace = trace;
        }

        @Override
        public Poll<Response> poll(Context cx) {
            try (InMdc ignored = InMdc.enter(trace)) {
                return inner.poll(cx);
            }
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
