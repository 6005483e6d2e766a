package dev.weft.metrics;

import dev.weft.http.HttpStatus;
import dev.weft.metrics.internal.PollTimeCollector;
import dev.weft.router.Router;
import dev.weft.server.Response;
import dev.weft.server.Server;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Prometheus metrics for a Weft application in one line: {@link #enable(Router)} serves
 * {@code GET /metrics} in Prometheus's text format and times every route ({@link RouteMeters});
 * {@link #bind(Server)} adds the server's and its runtime's counters ({@link ServerMeters},
 * {@link RuntimeMeters}) once the server runs, turns on the runtime's
 * {@linkplain dev.weft.runtime.AsyncRuntime#pollTiming(boolean) poll timing} and publishes its
 * histogram as {@code weft_runtime_poll_duration_seconds}. The JVM's basics come with it: memory, GC pauses,
 * threads, class loading and uptime (Micrometer's binders). Micrometer writes the format.
 * (Micrometer's processor binder is left out: two of its names, {@code process_cpu_time_ns_total}
 * and {@code system_cpu_count}, break Prometheus's naming rules and {@code promtool check metrics}
 * refuses them.)
 *
 * <pre>{@code
 * Router router = Router.create().get("/users/{id}", path("id", long.class), id -> "user " + id);
 * PrometheusMetrics metrics = PrometheusMetrics.enable(router);           // GET /metrics
 * Server server = Server.start(ServerConfig.defaults(), router);
 * metrics.bind(server);                                                    // weft_server_*, weft_runtime_*
 * }</pre>
 *
 * <p>Enable it before adding other layers, so that its timer sees what they answer too (the first
 * layer added is the outermost). The endpoint is open to whoever reaches the port: serve it on an
 * internal network, or add a layer that guards it.
 */
public final class PrometheusMetrics implements AutoCloseable {
    /** The path the endpoint is served on unless another is given. */
    public static final String DEFAULT_PATH = "/metrics";
    /** Prometheus's text format, version 0.0.4: what every Prometheus server and promtool read. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;

    private PrometheusMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        new JvmMemoryMetrics().bindTo(registry);
        this.gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Serves the metrics at {@value #DEFAULT_PATH} of {@code router}; see {@link #enable(Router, String)}. */
    public static PrometheusMetrics enable(Router router) {
        return enable(router, DEFAULT_PATH);
    }

    /**
     * Adds to {@code router} a {@link RouteMeters} layer and a {@code GET path} route that answers
     * with every meter in Prometheus's text format. Call it while the router is being built.
     *
     * @param router the application's router, not yet serving
     * @param path   where to serve the metrics, such as {@code /metrics}
     * @return the metrics, to {@link #bind(Server)} once the server runs
     */
    public static PrometheusMetrics enable(Router router, String path) {
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(path, "path");
        PrometheusMetrics metrics = new PrometheusMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        router.layer(new RouteMeters(metrics.registry, router));
        router.get(path, () -> Response.bytes(HttpStatus.OK, CONTENT_TYPE,
                metrics.scrape().getBytes(StandardCharsets.UTF_8)));
        return metrics;
    }

    /**
     * Adds the counters of {@code server} and of the runtime it runs on.
     *
     * @return this
     */
    public PrometheusMetrics bind(Server server) {
        new ServerMeters(server).bindTo(registry);
        new RuntimeMeters(server.runtime()).bindTo(registry);
        // Poll timing feeds weft_runtime_poll_duration_seconds: two clock reads per poll, the
        // price of a histogram, paid only by an application that asked for metrics.
        server.runtime().pollTiming(true);
        registry.getPrometheusRegistry().register(new PollTimeCollector(server.runtime()));
        return this;
    }

    /** The registry, to add meters of the application's own. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Every meter now, in Prometheus's text format (what the endpoint answers). */
    public String scrape() {
        return registry.scrape(CONTENT_TYPE);
    }

    /** Stops listening for GC events and closes the registry. */
    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
