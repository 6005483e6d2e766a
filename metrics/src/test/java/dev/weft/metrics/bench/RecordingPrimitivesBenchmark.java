package dev.weft.metrics.bench;

import dev.weft.metrics.internal.RouteTimers;
import dev.weft.router.Router;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
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
 * The pieces recording one request is made of, each alone: Micrometer's timer with the route
 * histogram's buckets, the Prometheus client's histogram (classic buckets only, without
 * exemplars, and with its defaults), finding the timer for a route, the second route lookup for
 * the label, and two clock reads. What {@code ObserveLayersBenchmark}'s {@code metrics} case costs
 * is close to their sum.
 *
 * <pre>
 * ./mvnw -q -Pjmh -pl metrics test-compile exec:exec -Djmh.args="RecordingPrimitivesBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordingPrimitivesBenchmark {
    private static final double[] BOUNDS = {0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private Timer timer;
    private RouteTimers timers;
    private Router router;
    private DistributionDataPoint classic;
    private DistributionDataPoint defaults;
    private long nanos = 1234;

    @Setup
    public void setup() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        timers = new RouteTimers(registry);
        timer = timers.timer("/plaintext", 0, 1);
        router = Router.create().get("/plaintext", () -> "Hello, World!");
        classic = Histogram.builder().name("classic_seconds").help("classic buckets only")
                .labelNames("method", "route", "status").classicOnly().withoutExemplars()
                .classicUpperBounds(BOUNDS).register(registry.getPrometheusRegistry())
                .labelValues("GET", "/plaintext", "2xx");
        defaults = Histogram.builder().name("defaults_seconds").help("classic and native buckets")
                .labelNames("method", "route", "status").withoutExemplars()
                .register(registry.getPrometheusRegistry())
                .labelValues("GET", "/plaintext", "2xx");
    }

    /** Micrometer's timer, as {@code RouteMeters} records into it. */
    @Benchmark
    public void micrometerTimer() {
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The Prometheus client's histogram with the same buckets, classic only, no exemplars. */
    @Benchmark
    public void prometheusClassicHistogram() {
        classic.observe(nanos / 1e9);
    }

    /** The Prometheus client's histogram with its defaults (native buckets too), no exemplars. */
    @Benchmark
    public void prometheusDefaultHistogram() {
        defaults.observe(nanos / 1e9);
    }

    /** Finding the timer of a route, method and status class. */
    @Benchmark
    public Timer findTimer() {
        return timers.timer("/plaintext", 0, 1);
    }

    /** The second route lookup that gives the label. */
    @Benchmark
    public String routePattern() {
        return router.routePattern("/plaintext");
    }

    /** The start and end of a measured duration. */
    @Benchmark
    public long twoClockReads() {
        long start = System.nanoTime();
        return System.nanoTime() - start;
    }
}
