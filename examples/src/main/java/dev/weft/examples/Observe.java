package dev.weft.examples;

import dev.weft.metrics.PrometheusMetrics;
import dev.weft.router.Router;
import dev.weft.router.middleware.Layers;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

/**
 * {@code --observe}: an example app with metrics, served in Prometheus's format at
 * {@code GET /metrics}, and W3C trace context (ids in the log lines of each request, and a
 * {@code traceresponse} header).
 */
final class Observe {
    private Observe() {
    }

    /** Enables metrics and trace context on {@code router}, then starts the server and adds its counters. */
    static Server start(ServerConfig config, Router router) {
        PrometheusMetrics metrics = PrometheusMetrics.enable(router);
        router.layer(Layers.traceContext());
        Main.listRoutes(router);
        Server server = Server.start(config, router);
        metrics.bind(server);
        return server;
    }
}
