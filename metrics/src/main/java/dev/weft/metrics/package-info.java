/**
 * Micrometer meters for a Weft server, and a Prometheus endpoint.
 * {@link dev.weft.metrics.PrometheusMetrics} is the one-line way: it serves {@code GET /metrics}
 * from a router and times every route. The binders it uses are public for applications that have
 * a Micrometer registry of their own: {@link dev.weft.metrics.RuntimeMeters} (the runtime's
 * workers), {@link dev.weft.metrics.ServerMeters} (connections, requests, bytes, refused requests)
 * and {@link dev.weft.metrics.RouteMeters} (a layer timing requests by method, route pattern and
 * status class).
 *
 * <p>May import: the JDK, Weft's exported packages ({@code dev.weft.router…},
 * {@code dev.weft.server}, {@code dev.weft.runtime…}, {@code dev.weft.http}), Micrometer
 * ({@code io.micrometer…}) and {@code dev.weft.metrics.internal}.
 *
 * <pre>{@code
 * Router router = Router.create().get("/users/{id}", path("id", long.class), id -> "user " + id);
 * PrometheusMetrics metrics = PrometheusMetrics.enable(router);
 * Server server = Server.start(ServerConfig.defaults(), router);
 * metrics.bind(server);
 * }</pre>
 */
package dev.weft.metrics;
