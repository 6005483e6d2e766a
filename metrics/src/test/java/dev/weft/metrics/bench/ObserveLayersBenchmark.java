package dev.weft.metrics.bench;

import dev.weft.http.HttpMethod;
import dev.weft.metrics.RouteMeters;
import dev.weft.router.Router;
import dev.weft.router.middleware.Layers;
import dev.weft.runtime.Context;
import dev.weft.server.Request;
import dev.weft.server.Response;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code GET /plaintext} through a router with each layer the example's {@code --observe} adds,
 * alone and together: what each costs a small request in CPU, without the network.
 *
 * <pre>
 * ./mvnw -q -Pjmh -pl metrics test-compile exec:exec -Djmh.args="ObserveLayersBenchmark -prof gc"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ObserveLayersBenchmark {
    private static final Context CX = () -> () -> { };

    /** Which layers: none, the route timer, the request id, the trace context, or all three. */
    @Param({"none", "metrics", "requestId", "traceContext", "all"})
    public String layers;

    private Router router;
    private Request request;

    @Setup
    public void setup() {
        router = Router.create();
        if (layers.equals("metrics") || layers.equals("all")) {
            router.layer(new RouteMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), router));
        }
        if (layers.equals("requestId") || layers.equals("all")) {
            router.layer(Layers.requestId());
        }
        if (layers.equals("traceContext") || layers.equals("all")) {
            router.layer(Layers.traceContext());
        }
        router.get("/plaintext", () -> "Hello, World!");
        request = Request.builder(HttpMethod.GET, "/plaintext").build();
    }

    /** One request through the router, to its response. */
    @Benchmark
    public Response dispatch() {
        return router.call(request).poll(CX).value();
    }
}
