package dev.weft.metrics;

import dev.weft.metrics.internal.Sampled;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.RuntimeMetrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The runtime's counters as Micrometer meters, read from {@link AsyncRuntime#metrics()} when the
 * registry asks (nothing is recorded per poll beyond what the runtime always counts). The meters
 * hold the runtime weakly, as Micrometer's do: once it is gone they read NaN. In Prometheus's
 * names:
 *
 * <table>
 *   <caption>Runtime meters</caption>
 *   <tr><th>name</th><th>type</th><th>labels</th><th>what</th></tr>
 *   <tr><td>{@code weft_runtime_polls_total}</td><td>counter</td><td>{@code worker}</td><td>task polls</td></tr>
 *   <tr><td>{@code weft_runtime_steals_total}</td><td>counter</td><td>{@code worker}</td><td>steals that took at least one task</td></tr>
 *   <tr><td>{@code weft_runtime_parks_total}</td><td>counter</td><td>{@code worker}</td><td>times the worker parked</td></tr>
 *   <tr><td>{@code weft_runtime_local_queue_depth}</td><td>gauge</td><td>{@code worker}</td><td>tasks in the worker's queue</td></tr>
 *   <tr><td>{@code weft_runtime_injection_queue_depth}</td><td>gauge</td><td></td><td>tasks in the shared queue</td></tr>
 *   <tr><td>{@code weft_runtime_tasks_live}</td><td>gauge</td><td></td><td>tasks spawned and not finished</td></tr>
 *   <tr><td>{@code weft_runtime_slow_polls_total}</td><td>counter</td><td></td><td>polls the slow-poll detector reported</td></tr>
 * </table>
 *
 * <p>The poll-time histogram is not among these meters: the runtime counts it into buckets of its
 * own, only while {@linkplain AsyncRuntime#pollTiming(boolean) poll timing} is on, and Micrometer
 * has no meter for buckets counted elsewhere. {@link PrometheusMetrics#bind} publishes it to
 * Prometheus as {@code weft_runtime_poll_duration_seconds}; with another registry, read
 * {@link RuntimeMetrics#pollTimes()}.
 *
 * <pre>{@code
 * new RuntimeMeters(server.runtime()).bindTo(registry);
 * }</pre>
 */
public final class RuntimeMeters implements MeterBinder {
    private final AsyncRuntime runtime;
    private final Sampled<RuntimeMetrics> snapshot;

    /** @param runtime the runtime to watch */
    public RuntimeMeters(AsyncRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.snapshot = new Sampled<>(runtime::metrics);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        int workers = runtime.metrics().workers().size();
        for (int i = 0; i < workers; i++) {
            int w = i;
            String worker = Integer.toString(i);
            perWorkerCounter(registry, "weft.runtime.polls", "Task polls", worker, s -> s.workers().get(w).polls());
            perWorkerCounter(registry, "weft.runtime.steals", "Steal operations that took at least one task", worker,
                    s -> s.workers().get(w).steals());
            perWorkerCounter(registry, "weft.runtime.parks", "Times the worker parked", worker,
                    s -> s.workers().get(w).parks());
            Gauge.builder("weft.runtime.local.queue.depth", runtime, r -> snapshot.get().workers().get(w).localQueueDepth())
                    .description("Tasks in the worker's local queue").tag("worker", worker).register(registry);
        }
        Gauge.builder("weft.runtime.injection.queue.depth", runtime, r -> snapshot.get().injectionQueueDepth())
                .description("Tasks in the shared injection queue").register(registry);
        Gauge.builder("weft.runtime.tasks.live", runtime, r -> snapshot.get().liveTasks())
                .description("Tasks spawned and not yet finished").register(registry);
        FunctionCounter.builder("weft.runtime.slow.polls", runtime, r -> snapshot.get().slowPolls())
                .description("Polls that ran longer than the slow-poll threshold (a handler blocking a worker)")
                .register(registry);
    }

    private void perWorkerCounter(MeterRegistry registry, String name, String description, String worker,
                                  ToDoubleFunction<RuntimeMetrics> value) {
        FunctionCounter.builder(name, runtime, r -> value.applyAsDouble(snapshot.get()))
                .description(description).tag("worker", worker).register(registry);
    }
}
