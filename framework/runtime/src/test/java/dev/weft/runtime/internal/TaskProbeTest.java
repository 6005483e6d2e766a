package dev.weft.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A task spawned while the runtime times polls carries a probe, and every poll of it is counted,
 * even by a worker that has not yet learnt that polls are timed (workers check the setting only
 * now and then). Before this held, a dump taken right after turning timing on could list such a
 * task as waiting with no poll at all (seen in CI on the io_uring run of TaskDumpTest).
 */
@Tag("transport-independent")
class TaskProbeTest {

    private static Task<Void> pendingTask() {
        return new Task<>(new Async<Void>() {
            @Override
            public Poll<Void> poll(Context cx) {
                return Poll.pending();
            }
        }, new InertScheduler(), "probed");
    }

    @Test
    void aProbedTaskCountsItsPollsWhenTheWorkerDoesNotTime() {
        Task<Void> task = pendingTask();
        task.startProbe(System.nanoTime());
        long elapsed = task.run(Task.BUDGET, false); // as a worker that has not checked in yet
        assertEquals(1, task.probe.polls);
        assertTrue(task.probe.lastPollNanos > 0, "last poll " + task.probe.lastPollNanos);
        assertEquals(task.probe.lastPollNanos, elapsed);
    }

    @Test
    void anUnprobedUntimedTaskReadsNoClock() {
        Task<Void> task = pendingTask();
        assertEquals(0, task.run(Task.BUDGET, false));
        assertEquals(null, task.probe);
    }
}
