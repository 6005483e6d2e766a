package dev.weft.examples;

import dev.weft.metrics.PrometheusMetrics;
import dev.weft.router.Router;
import dev.weft.router.debug.RuntimeDebug;
import dev.weft.router.middleware.AccessLogFormat;
import dev.weft.router.middleware.Layers;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

/**
 * {@code --observe}: an example app with metrics, served in Prometheus's format at
 * {@code GET /metrics}; the task dump at {@code GET /debug/tasks} and the live runtime dashboard
 * at {@code GET /debug/runtime}, both to loopback clients only; a request id and W3C trace context
 * (ids in the log lines of each request, and a {@code traceresponse} header); and, with
 * {@code --access-log=json}, the access log as one JSON object per response. {@code --metrics}
 * turns on the metrics only.
 */
final class Observe {
    private Observe() {
    }

    /**
     * Enables the metrics on {@code router}, and with {@code everything} the rest, then starts the
     * server and adds its counters.
     */
    static Server start(ServerConfig config, Router router, boolean everything, boolean jsonAccessLog) {
        PrometheusMetrics metrics = PrometheusMetrics.enable(router);
        if (everything) {
            router.layer(Layers.requestId())
                    .layer(Layers.traceContext());
        }
        if (jsonAccessLog) {
            router.layer(Layers.accessLog(router, AccessLogFormat.JSON));
        }
        if (everything) {
            RuntimeDebug.enable(router);
        }
        Main.listRoutes(router);
        Server server = Server.start(config, router);
        metrics.bind(server);
        return server;
    }
}
