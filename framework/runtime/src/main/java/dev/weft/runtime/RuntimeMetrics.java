package dev.weft.runtime;

import dev.weft.runtime.internal.MultiThreadScheduler;
import dev.weft.runtime.internal.RuntimeCore;
import dev.weft.runtime.internal.WorkerStats;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot of a runtime's counters: "the scheduler is not a black box". Counters are
 * monotonic since start; depths are instantaneous. Values are read without stopping the workers,
 * so the snapshot is approximate but each number is one the worker really had.
 *
 * <pre>{@code
 * RuntimeMetrics m = runtime.metrics();
 * for (RuntimeMetrics.Worker w : m.workers()) log.info("{}", w);
 * }</pre>
 *
 * @param workers one entry per worker (the current-thread flavour has one)
 * @param injectionQueueDepth tasks waiting in the shared injection queue
 * @param liveTasks tasks spawned and not yet finished
 * @param slowPolls polls the slow-poll detector has reported
 */
public record RuntimeMetrics(List<Worker> workers, int injectionQueueDepth, int liveTasks, long slowPolls) {

    /**
     * One worker's counters.
     *
     * @param index worker index
     * @param polls task polls
     * @param steals steal operations that took at least one task
     * @param stealAttempts victims tried
     * @param parks times the worker parked
     * @param spawned tasks spawned from this worker
     * @param overflows times the local queue overflowed into the injection queue
     * @param lifoHits polls served from the LIFO slot
     * @param localQueueDepth tasks in the local queue now
     * @param selectorWakeups times another thread woke this worker out of {@code select()}
     *     (approximate; the wake-up is only issued when the worker is parked there)
     */
    public record Worker(int index, long polls, long steals, long stealAttempts, long parks,
                         long spawned, long overflows, long lifoHits, int localQueueDepth,
                         long selectorWakeups) {
    }

    /** Sum of polls over all workers. */
    public long totalPolls() {
        long n = 0;
        for (Worker w : workers) {
            n += w.polls;
        }
        return n;
    }

    /** Sum of steals over all workers. */
    public long totalSteals() {
        long n = 0;
        for (Worker w : workers) {
            n += w.steals;
        }
        return n;
    }

    static RuntimeMetrics of(RuntimeCore core) {
        WorkerStats[] stats = core.workerStats();
        List<Worker> ws = new ArrayList<>(stats.length);
        for (int i = 0; i < stats.length; i++) {
            WorkerStats s = stats[i];
            int depth = core instanceof MultiThreadScheduler m ? m.localQueueDepth(i) : 0;
            long wakeups = core instanceof MultiThreadScheduler m ? m.selectorWakeups(i) : 0;
            ws.add(new Worker(i, s.polls, s.steals, s.stealAttempts, s.parks, s.spawned,
                    s.overflows, s.lifoHits, depth, wakeups));
        }
        long slow = core instanceof MultiThreadScheduler m ? m.slowPolls() : 0;
        return new RuntimeMetrics(List.copyOf(ws), core.injectionQueueDepth(), core.liveTasks(), slow);
    }
}
