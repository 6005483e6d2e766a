package dev.weft.examples;

import dev.weft.metrics.PrometheusMetrics;
import dev.weft.router.Router;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

/** {@code --observe}: an example app with metrics, served in Prometheus's format at {@code GET /metrics}. */
final class Observe {
    private Observe() {
    }

    /** Enables the metrics on {@code router}, then starts the server and adds its counters. */
    static Server start(ServerConfig config, Router router) {
        PrometheusMetrics metrics = PrometheusMetrics.enable(router);
        Main.listRoutes(router);
        Server server = Server.start(config, router);
        metrics.bind(server);
        return server;
    }
}
