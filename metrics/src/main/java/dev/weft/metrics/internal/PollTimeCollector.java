package dev.weft.metrics.internal;

import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.PollTimes;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime's poll-time histogram as a Prometheus histogram, {@code weft_runtime_poll_duration_seconds}.
 *
 * <p>Why a collector of the Prometheus model and not a Micrometer meter: the runtime counts polls
 * into buckets of its own (plain stores on the worker, see {@link PollTimes}), and Micrometer has
 * no meter that publishes buckets counted elsewhere; recording each poll again into a Micrometer
 * timer would cost the hot path what the runtime's histogram avoids. The registry Micrometer
 * scrapes is a Prometheus client registry, so the histogram sits beside Micrometer's meters in one
 * scrape. Exported bounds are the powers of two from 256 ns to about 17 s (the runtime's buckets
 * are four times finer; the dashboard uses those).
 */
public final class PollTimeCollector implements Collector {
    /** The metric's name in the scrape. */
    public static final String NAME = "weft_runtime_poll_duration_seconds";

    private final WeakReference<AsyncRuntime> runtime;

    public PollTimeCollector(AsyncRuntime runtime) {
        this.runtime = new WeakReference<>(runtime);
    }

    @Override
    public String getPrometheusName() {
        return NAME;
    }

    @Override
    public MetricSnapshot collect() {
        AsyncRuntime rt = runtime.get();
        PollTimes times = rt == null ? null : rt.metrics().pollTimes();
        List<Double> bounds = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        long sumNanos = 0;
        if (times != null) {
            long inBucket = 0;
            for (int i = 0; i < times.buckets(); i++) {
                inBucket += times.countAt(i);
                long upper = times.upperBoundNanos(i);
                boolean last = i == times.buckets() - 1;
                if (last || Long.bitCount(upper) == 1) {
                    bounds.add(last ? Double.POSITIVE_INFINITY : upper / 1e9);
                    counts.add(inBucket);
                    inBucket = 0;
                }
            }
            sumNanos = times.sumNanos();
        } else {
            bounds.add(Double.POSITIVE_INFINITY);
            counts.add(0L);
        }
        return HistogramSnapshot.builder()
                .name(NAME)
                .help("How long task polls took, over all workers, while the runtime times polls")
                .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts))
                        .sum(sumNanos / 1e9)
                        .build())
                .build();
    }
}
