package dev.weft.router.middleware;

import dev.weft.router.Middleware;
import dev.weft.router.Router;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

import java.net.InetSocketAddress;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** See {@link Layers#accessLog(Router, AccessLogFormat)}. */
final class AccessLogLayer implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger("dev.weft.router.access");

    private final Router routes;
    private final AccessLogFormat format;

    /** @param routes the router whose patterns name the route, or null to log none */
    AccessLogLayer(Router routes, AccessLogFormat format) {
        this.routes = routes;
        this.format = format;
    }

    @Override
    public Async<Response> handle(Request request, Service next) {
        if (!LOG.isInfoEnabled()) {
            return next.call(request);
        }
        long start = System.nanoTime();
        return next.call(request).map(response -> {
            // Read when the response is ready: layers below (request id, trace context) have
            // attached their extensions to the request by then, whatever the layer order.
            LOG.info(line(request, response.status().code(), System.nanoTime() - start));
            return response;
        });
    }

    String line(Request request, int status, long nanos) {
        String client = clientAddress(request);
        String route = routes == null ? null : routes.routePattern(request.path());
        String requestId = request.extension(RequestId.class).map(RequestId::value).orElse(null);
        String traceId = request.extension(TraceContext.class).map(TraceContext::traceId).orElse(null);
        String millis = String.format(Locale.ROOT, "%.3f", nanos / 1e6);
        if (format == AccessLogFormat.JSON) {
            StringBuilder sb = new StringBuilder(192).append('{');
            JsonLine.field(sb, "client", client).append(',');
            JsonLine.field(sb, "method", request.method().toString()).append(',');
            JsonLine.field(sb, "target", request.target()).append(',');
            sb.append("\"status\":").append(status).append(',');
            sb.append("\"duration_ms\":").append(millis).append(',');
            JsonLine.field(sb, "route", route).append(',');
            JsonLine.field(sb, "request_id", requestId).append(',');
            JsonLine.field(sb, "trace_id", traceId);
            return sb.append('}').toString();
        }
        StringBuilder sb = new StringBuilder(160)
                .append(client).append(" \"").append(request.method()).append(' ')
                .append(TextLine.safe(request.target())).append("\" ").append(status).append(' ')
                .append(millis).append("ms");
        if (route != null) {
            sb.append(" route=").append(route);
        }
        if (requestId != null) {
            sb.append(" request_id=").append(requestId);
        }
        if (traceId != null) {
            sb.append(" trace_id=").append(traceId);
        }
        return sb.toString();
    }

    /** The client's address as logged: the one place that says where it comes from. */
    private static String clientAddress(Request request) {
        InetSocketAddress a = request.clientAddress(); // through trusted proxies
        if (a == null || a.getAddress() == null) {
            return "-";
        }
        String host = a.getAddress().getHostAddress();
        String bracketed = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        // A client named by a proxy's header has no port (0): the address alone, not ":0".
        return a.getPort() == 0 ? bracketed : bracketed + ":" + a.getPort();
    }
}
