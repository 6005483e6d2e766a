/**
 * Metrics for a Weft server through Micrometer: the runtime's and the server's counters, a timer
 * per route, the JVM's basics, and a Prometheus endpoint on the router. Start at
 * {@link dev.weft.metrics.PrometheusMetrics}; the binders ({@link dev.weft.metrics.RuntimeMeters},
 * {@link dev.weft.metrics.ServerMeters}, {@link dev.weft.metrics.RouteMeters}) work with any
 * Micrometer registry.
 *
 * <p>The runtime and the server do not know Micrometer: they count in plain fields, and this
 * module reads those counters when a registry asks (at scrape time).
 */
module dev.weft.metrics {
    requires transitive dev.weft.router;
    requires transitive micrometer.core;
    requires transitive micrometer.registry.prometheus;
    // The Prometheus client's data model, under Micrometer's registry: the poll-time histogram
    // is published through it (see dev.weft.metrics.internal.PollTimeCollector).
    requires io.prometheus.metrics.model;

    exports dev.weft.metrics;
}
