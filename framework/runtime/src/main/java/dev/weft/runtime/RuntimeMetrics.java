package dev.weft.runtime;

import dev.weft.runtime.internal.MultiThreadScheduler;
import dev.weft.runtime.internal.PollHistogram;
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
 * @param pollTimes how long polls took, over all workers, while the runtime
 *     {@linkplain AsyncRuntime#pollTiming(boolean) timed them} (empty otherwise)
 */
public record RuntimeMetrics(List<Worker> workers, int injectionQueueDepth, int liveTasks, long slowPolls,
                             PollTimes pollTimes) {

    /** What a worker was doing when the snapshot looked. */
    public enum Activity {
        /** Inside a task's poll. */
        POLLING,
        /** Between polls: taking work from a queue, stealing, or driving I/O and timers. */
        IDLE,
        /** Parked, waiting for I/O, a timer or a wake-up. */
        PARKED
    }

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
     * @param busyNanos time spent in polls, counted while polls are timed
     * @param parkedNanos time spent parked, counted while polls are timed
     * @param activity what the worker was doing when looked at
     */
    public record Worker(int index, long polls, long steals, long stealAttempts, long parks,
                         long spawned, long overflows, long lifoHits, int localQueueDepth,
                         long selectorWakeups, long busyNanos, long parkedNanos, Activity activity) {
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
            Activity activity = core instanceof MultiThreadScheduler m ? m.activity(i) : Activity.IDLE;
            ws.add(new Worker(i, s.polls, s.steals, s.stealAttempts, s.parks, s.spawned,
                    s.overflows, s.lifoHits, depth, wakeups, s.busyNanos, s.parkedNanos, activity));
        }
        long slow = core instanceof MultiThreadScheduler m ? m.slowPolls() : 0;
        long[] counts = new long[PollHistogram.BUCKETS];
        long sum = core.pollTimesInto(counts);
        return new RuntimeMetrics(List.copyOf(ws), core.injectionQueueDepth(), core.liveTasks(), slow,
                new PollTimes(counts, sum));
    }
}
