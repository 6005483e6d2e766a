package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.time.Interval;
import dev.weft.runtime.time.Time;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Remaining public operations of the runtime, time and metrics API. */
@Timeout(30)
class ApiTest {

    @Test
    void namesMetricsAndBuilderValidation() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(3).name("api").build()) {
            assertEquals("api", rt.name());
            JoinHandle<Integer> h = rt.spawn("answer", Async.ready(42));
            assertEquals("answer", h.name());
            rt.blockOn(h);
            JoinHandle<Integer> unnamed = rt.spawn(Async.ready(1));
            assertTrue(unnamed.name().startsWith("task@"));
            RuntimeMetrics m = rt.metrics();
            assertEquals(3, m.workers().size());
            assertTrue(m.injectionQueueDepth() >= 0 && m.liveTasks() >= 0);
            assertTrue(m.totalSteals() >= 0);
            assertTrue(rt.toString().contains("api"));
        }
        assertThrows(IllegalArgumentException.class, () -> AsyncRuntime.builder().workers(0));
        try (AsyncRuntime ct = AsyncRuntime.currentThread()) {
            assertEquals(1, ct.metrics().workers().size());
        }
    }

    @Test
    void spawnHereNamedAndBlockOnNested() {
        try (AsyncRuntime rt = AsyncRuntime.currentThread()) {
            JoinHandle<String> h = rt.blockOn(Async.ready(0).map(x -> AsyncRuntime.spawnHere("child", Async.ready("c"))));
            assertEquals("child", h.name());
            assertEquals("c", rt.blockOn(h));
            assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(Async.ready(0).map(x -> rt.blockOn(Async.ready(1)))));
        }
    }

    @Test
    void intervalResetAndStartAt() {
        try (AsyncRuntime rt = AsyncRuntime.currentThread()) {
            long start = System.nanoTime() + 20_000_000L;
            Interval iv = Time.intervalAt(start, Duration.ofMillis(10));
            assertEquals(Duration.ofMillis(10), iv.period());
            long first = rt.blockOn(iv.tick());
            assertEquals(start, first);
            assertTrue(System.nanoTime() >= start);
            iv.reset();
            long before = System.nanoTime();
            rt.blockOn(iv.tick());
            assertTrue(System.nanoTime() - before >= 9_000_000L);
            assertThrows(IllegalArgumentException.class, () -> Time.interval(Duration.ZERO));
            // a tick that loses a race is cancelled (its timer removed); the schedule is kept
            long hourFromNow = System.nanoTime() + Duration.ofHours(1).toNanos();
            Interval slow = Time.intervalAt(hourFromNow, Duration.ofHours(1));
            assertEquals(Long.valueOf(-1), rt.blockOn(Async.race(slow.tick(), Async.ready(-1L))));
            assertEquals(Long.valueOf(-2), rt.blockOn(Async.race(slow.tick(), Async.ready(-2L))));
        }
    }

    @Test
    void timePollOutsideRuntimeFails() {
        // A deadline that cannot have passed by the first poll: one that has is ready without a
        // timer, and needs no runtime (under load a 5 ms sleep was already over, and nothing threw).
        assertThrows(IllegalStateException.class, () -> Time.sleep(Duration.ofHours(1)).poll(() -> () -> { }));
    }

    @Test
    void shutdownIsIdempotentAndCurrentThreadRejectsBlockOnAfter() {
        AsyncRuntime rt = AsyncRuntime.currentThread();
        rt.shutdown(Duration.ofSeconds(1));
        rt.shutdown(Duration.ofSeconds(1));
        assertTrue(rt.isShutdown());
        assertThrows(IllegalStateException.class, () -> rt.blockOn(Async.ready(1)));
    }
}
