package dev.weft.metrics.bench;

import static dev.weft.router.extract.Extractors.path;

import dev.weft.http.HttpMethod;
import dev.weft.metrics.RouteMeters;
import dev.weft.router.Router;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code GET /user/{id}} through a router (lookup, extraction, handler, response), plain and with
 * the {@link RouteMeters} layer on a Prometheus registry: the difference is what recording a
 * request costs (a second route lookup for the label, two clock reads, a timer with a histogram).
 *
 * <pre>
 * ./mvnw -q -Pjmh -pl metrics test-compile exec:exec -Djmh.args="RouteMetersBenchmark -prof gc"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class RouteMetersBenchmark {
    private static final Context CX = () -> () -> { };

    private Router plain;
    private Router observed;
    private Request request;

    private static Router routes(Router r) {
        return r.get("/plaintext", () -> "Hello, World!")
                .get("/json", () -> "{}")
                .get("/user/{id}", path("id"), id -> "user " + id);
    }

    @Setup
    public void setup() {
        plain = routes(Router.create());
        observed = Router.create();
        observed.layer(new RouteMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), observed));
        routes(observed);
        request = Request.builder(HttpMethod.GET, "/user/12345").build();
    }

    /** Without metrics: the router as the benchmarked server runs it. */
    @Benchmark
    public Response plain() {
        return plain.call(request).poll(CX).value();
    }

    /** With the {@link RouteMeters} layer. */
    @Benchmark
    public Response observed() {
        return observed.call(request).poll(CX).value();
    }
}
