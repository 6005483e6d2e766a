package dev.weft.metrics;

import dev.weft.metrics.internal.Sampled;
import dev.weft.server.Server;
import dev.weft.server.ServerStats;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The server's counters as Micrometer meters, read from {@link Server#stats()} when the registry
 * asks. The server counts in plain per-connection fields whether or not it is watched. The
 * meters hold the server weakly, as Micrometer's do: once it is gone they read NaN. In
 * Prometheus's names:
 *
 * <table>
 *   <caption>Server meters</caption>
 *   <tr><th>name</th><th>type</th><th>labels</th></tr>
 *   <tr><td>{@code weft_server_connections_open}</td><td>gauge</td><td></td></tr>
 *   <tr><td>{@code weft_server_connections_accepted_total}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code weft_server_connections_refused_total}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code weft_server_connections_closed_total}</td><td>counter</td><td>{@code cause}
 *       ({@link ServerStats.CloseCause#label()}: {@code done}, {@code idle_timeout}, …)</td></tr>
 *   <tr><td>{@code weft_server_requests_total}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code weft_server_requests_in_flight}</td><td>gauge</td><td></td></tr>
 *   <tr><td>{@code weft_server_requests_overloaded_total}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code weft_server_requests_timed_out_total}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code weft_server_received_bytes_total}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code weft_server_sent_bytes_total}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code weft_server_codec_errors_total}</td><td>counter</td><td>{@code kind}
 *       ({@link ServerStats.CodecError#label()}: {@code bad_header}, …)</td></tr>
 * </table>
 *
 * <pre>{@code
 * new ServerMeters(server).bindTo(registry);
 * }</pre>
 */
public final class ServerMeters implements MeterBinder {
    private final Server server;
    private final Sampled<ServerStats> snapshot;

    /** @param server the server to watch */
    public ServerMeters(Server server) {
        this.server = Objects.requireNonNull(server, "server");
        this.snapshot = new Sampled<>(server::stats);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "weft.server.connections.open", "Connections open now", ServerStats::connectionsOpen);
        counter(registry, "weft.server.connections.accepted", "Connections accepted", null,
                ServerStats::connectionsAccepted);
        counter(registry, "weft.server.connections.refused", "Connections turned away at the connection limit", null,
                ServerStats::connectionsRefused);
        counter(registry, "weft.server.requests", "Requests received", null, ServerStats::requests);
        gauge(registry, "weft.server.requests.in.flight", "Requests received and not yet answered",
                ServerStats::requestsInFlight);
        counter(registry, "weft.server.requests.overloaded", "Requests refused because the service was too busy", null,
                ServerStats::requestsOverloaded);
        counter(registry, "weft.server.requests.timed.out", "Requests answered 503 because no response came in time",
                null, ServerStats::requestsTimedOut);
        counter(registry, "weft.server.received", "Bytes read from clients", BaseUnits.BYTES, ServerStats::bytesRead);
        counter(registry, "weft.server.sent", "Bytes written to clients", BaseUnits.BYTES, ServerStats::bytesWritten);
        for (ServerStats.CloseCause cause : ServerStats.CloseCause.values()) {
            FunctionCounter.builder("weft.server.connections.closed", server,
                            s -> snapshot.get().connectionsClosedByCause().get(cause))
                    .description("Connections closed, by cause")
                    .tag("cause", cause.label())
                    .register(registry);
        }
        for (ServerStats.CodecError kind : ServerStats.CodecError.values()) {
            FunctionCounter.builder("weft.server.codec.errors", server, s -> snapshot.get().codecErrors().get(kind))
                    .description("Requests the codec refused, by kind")
                    .tag("kind", kind.label())
                    .register(registry);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<ServerStats> value) {
        Gauge.builder(name, server, s -> value.applyAsDouble(snapshot.get())).description(description).register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, String unit,
                         ToDoubleFunction<ServerStats> value) {
        FunctionCounter.builder(name, server, s -> value.applyAsDouble(snapshot.get()))
                .description(description).baseUnit(unit).register(registry);
    }
}
