package dev.weft.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker of the multi-thread scheduler: its local queue, LIFO slot, driver and counters, and
 * the run loop. The loop, after Tokio's {@code worker.rs}:
 *
 * <ol>
 *   <li>Every {@value #GLOBAL_QUEUE_INTERVAL} ticks take from the injection queue first, so that
 *       it cannot be starved by a worker whose local queue never empties.
 *   <li>Otherwise the LIFO slot, then the local queue, then a batch from the injection queue.
 *   <li>With nothing local, become a searcher (at most half the workers) and steal half of a
 *       random victim's queue.
 *   <li>Every {@value #EVENT_INTERVAL} ticks, poll I/O and timers without blocking, so that a busy
 *       worker still delivers readiness.
 *   <li>With nothing anywhere, park in the driver (the selector): I/O, timers or a notification
 *       end the park.
 * </ol>
 *
 * Shutdown: the scheduler sets its flag and unparks every worker; each worker leaves the loop at
 * its next tick, and the thread calling shutdown cancels every task that remains.
 *
 * <p>The references the loop writes on every poll (the LIFO slot, the task being polled, the head
 * of the owned-task list) live in small objects that are replaced every
 * {@value #RENEWAL_TICKS} ticks, so that they stay in the young generation: see {@link Slots}.
 */
final class Worker extends HeadPadding {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    /** Tokio's {@code global_queue_interval} default: check the injection queue every 61 ticks. */
    static final int GLOBAL_QUEUE_INTERVAL = 61;
    /** Tokio's {@code event_interval} default: poll the I/O and time drivers every 61 ticks. */
    static final int EVENT_INTERVAL = 61;
    /** Tokio's {@code MAX_LIFO_POLLS_PER_TICK}: a LIFO chain may run at most 3 polls in a row. */
    static final int MAX_LIFO_POLLS_PER_TICK = 3;
    /** How often (a power of two, in ticks) {@link Slots} and {@link LocalOwned} are renewed. */
    static final int RENEWAL_TICKS = 128;

    private static final VarHandle POLL_SEQ;
    private static final VarHandle SLOTS;
    private static final VarHandle CURRENT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            POLL_SEQ = l.findVarHandle(Worker.class, "pollSeq", long.class);
            SLOTS = l.findVarHandle(Worker.class, "slots", Slots.class);
            CURRENT = l.findVarHandle(Slots.class, "current", Task.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int index;
    final MultiThreadScheduler shared;
    final LocalQueue local = new LocalQueue();
    final Driver driver;
    final WorkerStats stats = new WorkerStats();
    /** Poll durations, recorded while {@link #timing}; owned by this worker, read racily. */
    final PollHistogram pollTimes = new PollHistogram();
    /**
     * Whether to read the clock around polls and parks: this worker's copy of
     * {@link MultiThreadScheduler#pollTiming()}, refreshed at each maintenance tick and after each
     * park, so the hot path reads a plain field of its own.
     */
    boolean timing;
    /** The last task census this worker answered (owner only). */
    private TaskCensus answered;
    /** Tasks spawned here; touched only by this worker's thread (and by shutdown after the join). */
    LocalOwned owned;
    /** Written by this worker only; read (opaque) by the stall detector. */
    private Slots slots = new Slots();
    private boolean searching;
    private boolean running;
    private int tick;
    private int rng;
    WorkerThread thread;

    /**
     * Stall detector: bumped before and after every poll (odd = polling). Opaque stores keep the
     * hot path free of fences and clock reads; the detector infers duration by sampling.
     */
    @SuppressWarnings("unused") // through POLL_SEQ
    private long pollSeq;

    /**
     * The worker's per-poll reference slots. Under G1 on JDK 25, storing a reference into an
     * object in the old generation costs a StoreLoad fence in the post-write barrier, while a
     * store into a young object is filtered before it. The worker itself is promoted seconds
     * after start and the loop writes these slots two or three times per poll, so they live here
     * instead, in an object {@link #renew} replaces every {@value #RENEWAL_TICKS} ticks, which
     * never lives long enough to be promoted. On {@code SchedulerBenchmark.pingPong} this took
     * the steady state from 8.8k to 11.2k batches/s.
     */
    static final class Slots {
        /** Tokio's LIFO slot: the task woken or spawned by the running one runs next. */
        Task<?> lifo;
        /** The task being polled, for the stall detector's report (through {@link #CURRENT}). */
        @SuppressWarnings("unused")
        Task<?> current;
    }

    Worker(MultiThreadScheduler shared, int index) {
        this.driver = new Driver(shared.openPoller());
        this.shared = shared;
        this.index = index;
        this.rng = 0x9E3779B9 * (index + 1);
        this.owned = new LocalOwned(index);
    }

    long pollSeq() {
        return (long) POLL_SEQ.getOpaque(this);
    }

    Task<?> currentTask() {
        return (Task<?>) CURRENT.getOpaque((Slots) SLOTS.getOpaque(this));
    }

    /** Whether the worker is inside a poll now (racy: for snapshots). */
    boolean isPolling() {
        return (pollSeq() & 1) != 0;
    }

    void run() {
        try {
            while (!shared.isShutdown()) {
                tick++;
                if ((tick & (RENEWAL_TICKS - 1)) == 0) {
                    renew();
                }
                if (tick % EVENT_INTERVAL == 0) {
                    maintenance();
                }
                Task<?> t = nextTask();
                if (t == null) {
                    t = stealWork();
                }
                if (t != null) {
                    runTask(t);
                } else {
                    park();
                }
            }
        } catch (Throwable t) {
            LOG.error("worker {} died", thread.getName(), t);
        } finally {
            slots.lifo = null; // a task left there is cancelled by shutdown through the owned lists
        }
    }

    /** Replaces the slot holders with fresh (young) copies; see {@link Slots}. */
    private void renew() {
        Slots fresh = new Slots();
        fresh.lifo = slots.lifo;
        SLOTS.setOpaque(this, fresh);
        owned = owned.renewed();
    }

    private void maintenance() {
        driver.pollIoNow();
        shared.time.process();
        checkIn();
    }

    /**
     * What other threads ask of this worker, read every {@value #EVENT_INTERVAL} ticks and after
     * every park (never per poll): whether to time polls, and a task census to answer.
     */
    private void checkIn() {
        timing = shared.pollTiming();
        TaskCensus c = shared.census();
        if (c != null && c != answered) {
            answered = c;
            c.answer(index, owned); // only the owner may walk its list
        }
    }

    private Task<?> nextTask() {
        if (tick % GLOBAL_QUEUE_INTERVAL == 0) {
            Task<?> t = shared.inject.pop();
            if (t != null) {
                return t;
            }
            return nextLocal();
        }
        Task<?> t = nextLocal();
        if (t != null) {
            return t;
        }
        return nextRemoteBatch();
    }

    private Task<?> nextLocal() {
        Slots sl = slots;
        Task<?> t = sl.lifo;
        if (t != null) {
            sl.lifo = null;
            return t;
        }
        return local.pop();
    }

    private Task<?> nextRemoteBatch() {
        InjectionQueue inject = shared.inject;
        int len = inject.len();
        if (len == 0) {
            return null;
        }
        // Tokio: take a fair share, bounded by half the local queue.
        int cap = Math.min(local.remainingSlots(), LocalQueue.CAPACITY / 2);
        int n = Math.min(len / shared.workers.length + 1, cap);
        return inject.popBatchInto(n, local);
    }

    private Task<?> stealWork() {
        // A worker woken by notifyParked is already counted as searching; asking again would be
        // refused by the half-the-workers cap and send it straight back to sleep.
        if (!searching) {
            if (!shared.idle.transitionWorkerToSearching()) {
                return null;
            }
            searching = true;
        }
        Worker[] all = shared.workers;
        int n = all.length;
        int start = nextRandom(n);
        for (int i = 0; i < n; i++) {
            int victim = (start + i) % n;
            if (victim == index) {
                continue;
            }
            stats.stealAttempts++;
            Task<?> t = all[victim].local.stealInto(local);
            if (t != null) {
                stats.steals++;
                return t;
            }
        }
        // Fall back to the injection queue.
        return nextRemoteBatch();
    }

    private int nextRandom(int n) {
        int x = rng;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        rng = x;
        return Math.floorMod(x, n);
    }

    private void runTask(Task<?> t) {
        if (searching) {
            searching = false;
            if (shared.idle.transitionWorkerFromSearching()) {
                // The last searcher found work: there may be more, so wake another searcher.
                shared.notifyParked();
            }
        }
        running = true;
        try {
            Slots sl = slots; // not renewed during runTask: only run() renews
            poll(sl, t, Task.BUDGET);
            int budget = t.remainingBudget();
            // Tasks woken by the one that just ran (channel send, mutex release) run next on this
            // worker while their data is hot in cache, sharing the remaining coop budget.
            for (int i = 0; i < MAX_LIFO_POLLS_PER_TICK; i++) {
                Task<?> next = sl.lifo;
                if (next == null) {
                    return;
                }
                sl.lifo = null;
                if (budget <= 0) {
                    pushLocal(next);
                    return;
                }
                stats.lifoHits++;
                poll(sl, next, budget);
                budget = next.remainingBudget();
            }
            Task<?> next = sl.lifo;
            if (next != null) {
                // A LIFO chain that keeps going would starve the queue: demote it.
                sl.lifo = null;
                pushLocal(next);
            }
        } finally {
            running = false;
        }
    }

    private void poll(Slots sl, Task<?> t, int budget) {
        stats.polls++;
        CURRENT.setOpaque(sl, t);
        long seq = pollSeq;
        POLL_SEQ.setOpaque(this, seq + 1);
        if (timing) {
            long nanos = t.run(budget, true);
            pollTimes.record(nanos);
            stats.busyNanos += nanos;
        } else {
            t.run(budget);
        }
        POLL_SEQ.setOpaque(this, seq + 2);
    }

    /** A task woken on this worker's thread. */
    void scheduleLocal(Task<?> t) {
        if (running) {
            Slots sl = slots;
            Task<?> prev = sl.lifo;
            sl.lifo = t;
            if (prev == null) {
                // Only the LIFO slot holds work, which nobody else can steal: no need to wake.
                return;
            }
            t = prev;
        }
        pushLocal(t);
    }

    void pushLocal(Task<?> t) {
        // Every push checks for a parked worker to wake (fence-free: see
        // Idle#workerToNotifyLocal). Signalling only on the empty -> non-empty transition, as
        // ForkJoinPool does, was tried and measured worse on spawn_many: a worker that parks
        // while the spawner's queue stays non-empty is then only woken by an overflow.
        if (local.pushBack(t, shared.inject)) {
            stats.overflows++;
            shared.notifyParked(); // tasks went to the injection queue: fenced notify
        } else {
            shared.notifyParkedLocal();
        }
    }

    private void park() {
        if (slots.lifo != null || !local.isEmpty()) {
            return;
        }
        boolean lastSearcher = shared.idle.transitionWorkerToParked(index, searching);
        searching = false;
        if (lastSearcher) {
            shared.notifyIfWorkPending();
        }
        if (owned.worthSweeping()) {
            owned.sweep(); // idle time is the cheapest time to drop finished tasks
        }
        while (!shared.isShutdown()) {
            stats.parks++;
            if (timing) {
                // A park is a system call already: two clock reads around it are noise.
                long start = System.nanoTime();
                parkDriver();
                stats.parkedNanos += System.nanoTime() - start;
            } else {
                parkDriver();
            }
            checkIn();
            if (transitionFromParked()) {
                return;
            }
        }
    }

    private void parkDriver() {
        TimeDriver time = shared.time;
        boolean timeRole = time.tryBecomeSleeper(driver);
        try {
            long timeout = timeRole ? time.millisUntilNext() : -1;
            driver.park(timeout);
        } finally {
            if (timeRole) {
                time.releaseSleeper(driver);
            }
        }
        time.process();
    }

    private boolean transitionFromParked() {
        if (slots.lifo != null || !local.isEmpty()) {
            // I/O or timers gave us work while parked. We are searching only if another worker
            // had already woken us (and counted us as a searcher).
            searching = !shared.idle.unparkWorkerById(index);
            return true;
        }
        if (shared.idle.isParked(index)) {
            return false; // a spurious or I/O-only wake-up: keep parking
        }
        searching = true;
        return true;
    }

    void unpark() {
        driver.unpark();
    }
}
