package dev.weft.runtime.internal;

import dev.weft.runtime.internal.transport.Poller;
import dev.weft.runtime.internal.transport.Transport;
import dev.weft.runtime.Async;
import dev.weft.runtime.RuntimeMetrics;
import dev.weft.runtime.SlowPoll;
import dev.weft.runtime.TaskDump;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work-stealing scheduler: the state shared by all {@link Worker}s (injection queue, idle
 * set, owned tasks, time driver) and the scheduling entry points. See {@link Worker} for the run
 * loop and {@link Idle} for the parking protocol.
 */
public final class MultiThreadScheduler implements RuntimeCore, Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(MultiThreadScheduler.class);

    final Worker[] workers;
    final InjectionQueue inject = new InjectionQueue();
    final Idle idle;
    final OwnedTasks owned;
    final TimeDriver time = new TimeDriver();
    private final Object facade;
    private final AtomicInteger spawnCounter = new AtomicInteger();
    /** Worker-spawned tasks completed off the workers (shutdown cancellation), for liveTasks. */
    private final java.util.concurrent.atomic.LongAdder remoteCompleted = new java.util.concurrent.atomic.LongAdder();
    private final AtomicInteger driverRoundRobin = new AtomicInteger();
    private volatile boolean shutdown;
    /** Threads inside blockOn: woken at shutdown, since no worker will drive their timers or I/O. */
    private final java.util.Set<ThreadParkWaker> blockers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final StallDetector stallDetector;
    /** Whether workers time polls; each worker copies it at its check-ins (see {@link Worker#timing}). */
    private volatile boolean pollTiming;
    /** The task census in progress, or null; published by {@link #taskDump}, answered by each worker. */
    private volatile TaskCensus census;
    /** One dump at a time: a census is one request, answered once by each worker. */
    private final Object dumpLock = new Object();

    private final Transport transport;

    public MultiThreadScheduler(int numWorkers, String name, Object facade, long stallThresholdNanos,
                                Transport transport) {
        if (numWorkers < 1) {
            throw new IllegalArgumentException("workers must be >= 1: " + numWorkers);
        }
        this.facade = facade;
        this.transport = transport;
        this.idle = new Idle(numWorkers);
        this.owned = new OwnedTasks(numWorkers);
        this.workers = new Worker[numWorkers];
        for (int i = 0; i < numWorkers; i++) {
            workers[i] = new Worker(this, i);
        }
        for (int i = 0; i < numWorkers; i++) {
            Worker w = workers[i];
            w.thread = new WorkerThread(this, w, w.driver, name.concat("-worker-").concat(Integer.toString(i)), new Runnable() {
                @Override
                public void run() {
                    w.run();
                }
            });
        }
        for (Worker w : workers) {
            w.thread.start();
        }
        this.stallDetector = stallThresholdNanos > 0
                ? StallDetector.start(name, workers, stallThresholdNanos) : null;
    }

    // ---- RuntimeCore ------------------------------------------------------------------------

    @Override
    public <T> Task<T> spawn(Async<T> future, String name) {
        Task<T> task = new Task<>(future, this, name);
        Worker w = currentWorker();
        if (w != null) {
            // Workers stop before shutdown collects their lists, so no close check is needed.
            w.stats.spawned++;
            if (w.timing) {
                task.startProbe(System.nanoTime());
            }
            w.owned.bind(task);
        } else {
            if (pollTiming) {
                task.startProbe(System.nanoTime());
            }
            if (!owned.bind(task, spawnCounter.getAndIncrement())) {
                task.shutdownCancel();
                return task;
            }
        }
        if (w != null) {
            // As in Tokio, a spawn from a task is scheduled like a wake-up from it: into the LIFO
            // slot, so the child runs next on this (cache-warm) worker; the task it displaces
            // goes to the back of the local queue, where idle workers can steal it.
            w.scheduleLocal(task);
        } else {
            remoteSchedule(task);
        }
        return task;
    }

    @Override
    public <T> T blockOn(Async<T> future) {
        if (Thread.currentThread() instanceof WorkerThread) {
            throw new IllegalStateException("blockOn called from a runtime worker: it would block the worker");
        }
        if (shutdown) {
            throw new IllegalStateException("runtime is shut down");
        }
        RuntimeCore prev = RuntimeContext.enter(this);
        ThreadParkWaker waker = new ThreadParkWaker();
        blockers.add(waker);
        try {
            // Re-checked after registering, so a shutdown racing with entry still wakes us.
            return waker.run(future, () -> shutdown);
        } finally {
            blockers.remove(waker);
            RuntimeContext.exit(prev);
        }
    }

    @Override
    public Transport transport() {
        return transport;
    }

    Poller openPoller() {
        try {
            return transport.openPoller();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("opening a " + transport.name() + " poller failed", e);
        }
    }

    @Override
    public TimeDriver time() {
        return time;
    }

    @Override
    public Driver anyDriver() {
        return workers[Math.floorMod(driverRoundRobin.getAndIncrement(), workers.length)].driver;
    }

    @Override
    public Object facade() {
        return facade;
    }

    // ---- Scheduler --------------------------------------------------------------------------

    private Worker currentWorker() {
        if (Thread.currentThread() instanceof WorkerThread wt && wt.core() == this) {
            return wt.worker;
        }
        return null;
    }

    @Override
    public void schedule(Task<?> task) {
        Worker w = currentWorker();
        if (w != null) {
            w.scheduleLocal(task);
        } else {
            remoteSchedule(task);
        }
    }

    @Override
    public void yieldTask(Task<?> task) {
        Worker w = currentWorker();
        if (w != null) {
            w.pushLocal(task);
        } else {
            remoteSchedule(task);
        }
    }

    private void remoteSchedule(Task<?> task) {
        if (inject.push(task)) {
            notifyParked();
        }
        // else: shutting down; OwnedTasks cancels it.
    }

    @Override
    public void release(Task<?> task) {
        if (task.ownedShard >= 0) {
            owned.remove(task); // spawned from outside: in the shared, locked list
        } else {
            Worker w = currentWorker();
            if (w != null) {
                w.stats.completed++;
                if (w.owned.owns(task)) {
                    w.owned.unlink(task); // completed where it was spawned: O(1), no lock
                }
            } else {
                remoteCompleted.increment();
            }
        }
    }

    void notifyParked() {
        int idx = idle.workerToNotify();
        if (idx >= 0) {
            workers[idx].unpark();
        }
    }

    void notifyParkedLocal() {
        int idx = idle.workerToNotifyLocal();
        if (idx >= 0) {
            workers[idx].unpark();
        }
    }

    /** Called by the last searcher as it parks: make sure no queued work is stranded. */
    void notifyIfWorkPending() {
        for (Worker w : workers) {
            if (!w.local.isEmpty()) {
                notifyParked();
                return;
            }
        }
        if (!inject.isEmpty()) {
            notifyParked();
        }
    }

    // ---- Shutdown ---------------------------------------------------------------------------

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public void shutdown(long deadlineNanos) {
        synchronized (this) {
            if (shutdown) {
                return;
            }
            shutdown = true;
        }
        for (Worker w : workers) {
            w.unpark();
        }
        for (ThreadParkWaker b : blockers) {
            b.wake();
        }
        Thread me = Thread.currentThread();
        for (Worker w : workers) {
            if (w.thread == me) {
                continue; // shutdown from inside a task: this worker exits after the poll
            }
            long left = deadlineNanos - System.nanoTime();
            try {
                if (left > 0) {
                    w.thread.join(Math.max(1, left / 1_000_000L));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (w.thread.isAlive()) {
                LOG.warn("worker {} did not stop before the shutdown deadline (a poll is blocking it)",
                        w.thread.getName());
            }
        }
        inject.close();
        List<Task<?>> remaining = owned.closeAndSnapshot();
        for (Worker w : workers) {
            if (w.thread.isAlive()) {
                LOG.warn("tasks spawned on {} are not cancelled: the worker is still running", w.thread.getName());
            } else {
                w.owned.collect(remaining); // the join ordered the worker's writes before this
            }
        }
        for (Task<?> t : remaining) {
            t.shutdownCancel();
        }
        if (stallDetector != null) {
            stallDetector.stop();
        }
        for (Worker w : workers) {
            if (!w.thread.isAlive()) {
                w.driver.close();
            }
        }
    }

    // ---- Metrics ----------------------------------------------------------------------------

    @Override
    public WorkerStats[] workerStats() {
        WorkerStats[] out = new WorkerStats[workers.length];
        for (int i = 0; i < workers.length; i++) {
            out[i] = workers[i].stats;
        }
        return out;
    }

    public int localQueueDepth(int worker) {
        return Math.max(0, workers[worker].local.len());
    }

    /** Slow polls reported so far. */
    public long slowPolls() {
        return stallDetector == null ? 0 : stallDetector.reports();
    }

    /** Slow polls that were loading or initialising classes, logged at DEBUG only. */
    public long firstUseSlowPolls() {
        return stallDetector == null ? 0 : stallDetector.firstUseReports();
    }

    /** The last slow-poll report (for tests), or null. */
    public String lastSlowPollReport() {
        return stallDetector == null ? null : stallDetector.lastReport();
    }

    /** The last slow-poll incidents, oldest first. */
    @Override
    public List<SlowPoll> slowPollIncidents() {
        return stallDetector == null ? List.of() : stallDetector.incidents();
    }

    @Override
    public void pollTiming(boolean on) {
        pollTiming = on;
        for (Worker w : workers) {
            w.unpark(); // a parked worker picks the flag up when it wakes
        }
    }

    @Override
    public boolean pollTiming() {
        return pollTiming;
    }

    TaskCensus census() {
        return census;
    }

    @Override
    public long pollTimesInto(long[] counts) {
        long sum = 0;
        for (Worker w : workers) {
            sum += w.pollTimes.copyInto(counts);
        }
        return sum;
    }

    /** What worker {@code i} is doing now (racy): polling, parked, or neither (searching, between polls). */
    public RuntimeMetrics.Activity activity(int i) {
        Worker w = workers[i];
        if (w.isPolling()) {
            return RuntimeMetrics.Activity.POLLING;
        }
        return idle.isParked(i) ? RuntimeMetrics.Activity.PARKED : RuntimeMetrics.Activity.IDLE;
    }

    /**
     * Every live task. The workers' own lists have no lock, so each worker copies its list itself
     * when it next checks in (see {@link TaskCensus}); this waits for them up to {@code waitNanos}.
     *
     * @throws IllegalStateException on a worker thread, which would wait for itself
     */
    @Override
    public TaskDump taskDump(long waitNanos) {
        if (currentWorker() != null) {
            throw new IllegalStateException("taskDump called from a runtime worker: it would wait for itself;"
                    + " call it from a blocking handler or another thread");
        }
        synchronized (dumpLock) {
            TaskCensus c = new TaskCensus(workers.length);
            census = c;
            try {
                for (Worker w : workers) {
                    w.unpark();
                }
                c.await(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                census = null;
            }
            List<Task<?>> tasks = new ArrayList<>(owned.snapshot());
            List<String> unanswered = new ArrayList<>();
            for (int i = 0; i < workers.length; i++) {
                List<Task<?>> mine = c.answerOf(i);
                if (mine == null) {
                    unanswered.add(workers[i].thread.getName());
                } else {
                    tasks.addAll(mine);
                }
            }
            return TaskDumps.build(tasks, workers, unanswered);
        }
    }

    public long selectorWakeups(int worker) {
        return workers[worker].driver.wakeups();
    }

    public int numWorkers() {
        return workers.length;
    }

    public Thread workerThread(int worker) {
        return workers[worker].thread;
    }

    @Override
    public int injectionQueueDepth() {
        return inject.len();
    }

    @Override
    public int liveTasks() {
        long n = owned.size();
        for (Worker w : workers) {
            n += w.stats.spawned - w.stats.completed;
        }
        return (int) Math.max(0, n - remoteCompleted.sum());
    }
}
