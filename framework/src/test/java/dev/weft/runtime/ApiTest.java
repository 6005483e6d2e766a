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
        try (Runtime rt = Runtime.builder().workers(3).name("api").build()) {
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
        assertThrows(IllegalArgumentException.class, () -> Runtime.builder().workers(0));
        try (Runtime ct = Runtime.currentThread()) {
            assertEquals(1, ct.metrics().workers().size());
        }
    }

    @Test
    void spawnHereNamedAndBlockOnNested() {
        try (Runtime rt = Runtime.currentThread()) {
            JoinHandle<String> h = rt.blockOn(Async.ready(0).map(x -> Runtime.spawnHere("child", Async.ready("c"))));
            assertEquals("child", h.name());
            assertEquals("c", rt.blockOn(h));
            assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(Async.ready(0).map(x -> rt.blockOn(Async.ready(1)))));
        }
    }

    @Test
    void intervalResetAndStartAt() {
        try (Runtime rt = Runtime.currentThread()) {
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
        // An hour, so that it cannot expire before the poll: a sleep already past its deadline is
        // ready at once, without asking for a runtime.
        assertThrows(IllegalStateException.class, () -> Time.sleep(Duration.ofHours(1)).poll(() -> () -> { }));
    }

    @Test
    void shutdownIsIdempotentAndCurrentThreadRejectsBlockOnAfter() {
        Runtime rt = Runtime.currentThread();
        rt.shutdown(Duration.ofSeconds(1));
        rt.shutdown(Duration.ofSeconds(1));
        assertTrue(rt.isShutdown());
        assertThrows(IllegalStateException.class, () -> rt.blockOn(Async.ready(1)));
    }
}
