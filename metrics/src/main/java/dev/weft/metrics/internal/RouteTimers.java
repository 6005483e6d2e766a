package dev.weft.metrics.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The request timers, one per route pattern, method label and status class, registered when first
 * used and then found without building a meter id: a map lookup by the route's pattern (a string
 * the router keeps, so its hash is cached) and an array index.
 *
 * <p>Thread-safe: the map and the arrays are concurrent; registering the same timer twice (two
 * workers racing) gives the same meter, as Micrometer's registries guarantee.
 */
public final class RouteTimers {
    /** The histogram's buckets: a web request's range, from a cached answer to a slow report. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, AtomicReferenceArray<Timer>> byRoute = new ConcurrentHashMap<>();

    /** @param registry where the timers are registered */
    public RouteTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The timer for {@code route} (a pattern, or a fixed word: never a raw path), the method label
     * at {@code methodIndex} and the status class at {@code statusClassIndex} (see {@link Labels}).
     */
    public Timer timer(String route, int methodIndex, int statusClassIndex) {
        AtomicReferenceArray<Timer> timers = byRoute.get(route);
        if (timers == null) {
            timers = byRoute.computeIfAbsent(route,
                    r -> new AtomicReferenceArray<>(Labels.methodCount() * Labels.statusClassCount()));
        }
        int slot = methodIndex * Labels.statusClassCount() + statusClassIndex;
        Timer t = timers.get(slot);
        if (t == null) {
            t = Timer.builder("http.server.requests")
                    .description("Requests by method, route pattern and status class, until the response head was ready")
                    .tag("method", Labels.method(methodIndex))
                    .tag("route", route)
                    .tag("status", Labels.statusClass(statusClassIndex))
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry);
            timers.set(slot, t);
        }
        return t;
    }
}
