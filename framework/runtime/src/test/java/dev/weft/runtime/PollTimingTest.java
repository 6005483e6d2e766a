package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.internal.PollHistogram;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PollTimingTest {

    @Test
    void bucketsTileTheRange() {
        assertEquals(0, PollHistogram.bucketOf(0));
        assertEquals(0, PollHistogram.bucketOf(255));
        assertEquals(1, PollHistogram.bucketOf(256));
        for (int i = 0; i < PollHistogram.BUCKETS - 1; i++) {
            long upper = PollHistogram.upperBoundNanos(i);
            assertEquals(i, PollHistogram.bucketOf(upper - 1), "bucket " + i);
            assertEquals(i + 1, PollHistogram.bucketOf(upper), "bucket " + (i + 1));
            if (i > 0) {
                long lower = PollHistogram.upperBoundNanos(i - 1);
                assertTrue(upper - lower <= lower / 4 + 1, "bucket " + i + " is at most a quarter wide");
            }
        }
        assertEquals(PollHistogram.BUCKETS - 1, PollHistogram.bucketOf(Long.MAX_VALUE));
    }

    @Test
    void untimedRuntimeRecordsNothing() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).build()) {
            for (int i = 0; i < 1000; i++) {
                rt.blockOn(rt.spawn(Async.ready(i)));
            }
            RuntimeMetrics m = rt.metrics();
            assertEquals(0, m.pollTimes().count());
            assertEquals(0, m.workers().stream().mapToLong(RuntimeMetrics.Worker::busyNanos).sum());
        }
    }

    @Test
    void timedPollsLandInTheHistogramAndPercentilesBoundThem() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).slowPollThreshold(null).build()) {
            rt.pollTiming(true);
            // The worker picks the flag up at its next check-in: from the first timed poll on,
            // every poll is timed.
            while (rt.metrics().pollTimes().count() == 0) {
                rt.blockOn(rt.spawn(Async.ready(0)));
            }
            PollTimes before = rt.metrics().pollTimes();
            // Each of these polls busy-waits 2 ms, so the median is at least that.
            for (int i = 0; i < 50; i++) {
                rt.blockOn(rt.spawn(cx -> {
                    long until = System.nanoTime() + 2_000_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    return Poll.ready(null);
                }));
            }
            // blockOn returns once the task completed, which can be before its worker recorded
            // the poll; the worker has surely recorded it once it polled the next task.
            rt.blockOn(rt.spawn(Async.ready(0)));
            PollTimes d = rt.metrics().pollTimes().minus(before);
            assertTrue(d.count() >= 50, d.toString());
            assertTrue(d.percentileNanos(0.99) >= 2_000_000, d.toString());
            assertTrue(d.sumNanos() >= 50 * 2_000_000L, d.toString());
            assertTrue(rt.metrics().workers().stream().mapToLong(RuntimeMetrics.Worker::busyNanos).sum() >= 100_000_000L);
        }
    }

    @Test
    void slowPollIncidentsKeepTheTaskName() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).name("slow")
                .slowPollThreshold(Duration.ofMillis(40)).build()) {
            rt.blockOn(rt.spawn("sleepy", cx -> {
                long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                try {
                    while (rt.slowPolls().isEmpty() && System.nanoTime() - until < 0) {
                        Thread.sleep(10);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Poll.ready(null);
            }));
            SlowPoll s = rt.slowPolls().getFirst();
            assertEquals("sleepy", s.task());
            assertEquals("slow-worker-0", s.worker());
            assertTrue(s.runningMillis() >= 30, s.toString());
            assertTrue(s.stack().stream().anyMatch(f -> f.getMethodName().equals("sleep")), s.toString());
        }
    }

    /** Only the last {@value SlowPoll#KEPT} incidents are kept, however many happen. */
    @Test
    void incidentsAreBounded() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).slowPollThreshold(Duration.ofMillis(8)).build()) {
            for (int i = 0; i < SlowPoll.KEPT + 3; i++) {
                int n = i;
                rt.blockOn(rt.spawn("slow-" + i, cx -> {
                    try {
                        while (rt.metrics().slowPolls() <= n) {
                            Thread.sleep(2);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Poll.ready(null);
                }));
            }
            assertEquals(SlowPoll.KEPT, rt.slowPolls().size());
            assertEquals("slow-3", rt.slowPolls().getFirst().task());
            assertEquals("slow-" + (SlowPoll.KEPT + 2), rt.slowPolls().getLast().task());
        }
    }
}
