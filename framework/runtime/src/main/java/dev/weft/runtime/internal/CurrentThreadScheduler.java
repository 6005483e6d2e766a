package dev.weft.runtime.internal;

import dev.weft.runtime.internal.transport.Transport;
import dev.weft.runtime.Async;
import dev.weft.runtime.CancelledException;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.SlowPoll;
import dev.weft.runtime.TaskDump;
import dev.weft.runtime.Waker;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The current-thread flavour: every task runs on the thread that calls {@link #blockOn}, like
 * Tokio's {@code current_thread} runtime. Tasks spawned or woken from other threads go through an
 * injection queue and unpark the driver; outside {@code blockOn} nothing runs.
 */
public final class CurrentThreadScheduler implements RuntimeCore, Scheduler {
    /** Like the multi-thread worker: poll I/O, timers and the injection queue every 61 ticks. */
    static final int EVENT_INTERVAL = 61;

    private final ArrayDeque<Task<?>> local = new ArrayDeque<>();
    private final InjectionQueue inject = new InjectionQueue();
    private final OwnedTasks owned = new OwnedTasks(1);
    private final TimeDriver time = new TimeDriver();
    private final Driver driver;
    private final Transport transport;
    private final WorkerStats stats = new WorkerStats();
    /** Poll durations while {@link #timing}; written by the thread in {@code blockOn}, read racily. */
    private final PollHistogram pollTimes = new PollHistogram();
    private volatile boolean timing;
    private final Object facade;
    private volatile Thread owner;
    private volatile boolean shutdown;
    private int tick;

    public CurrentThreadScheduler(Object facade, Transport transport) {
        this.facade = facade;
        this.transport = transport;
        try {
            this.driver = new Driver(transport.openPoller());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("opening a " + transport.name() + " poller failed", e);
        }
    }

    @Override
    public <T> Task<T> spawn(Async<T> future, String name) {
        Task<T> task = new Task<>(future, this, name);
        if (timing) {
            task.startProbe(System.nanoTime());
        }
        if (!owned.bind(task, (int) stats.spawned++)) {
            task.shutdownCancel();
            return task;
        }
        schedule(task);
        return task;
    }

    @Override
    public void schedule(Task<?> task) {
        if (Thread.currentThread() == owner) {
            local.addLast(task);
        } else {
            stats.remoteSchedules++;
            if (inject.push(task)) {
                driver.unpark();
            }
        }
    }

    @Override
    public void yieldTask(Task<?> task) {
        schedule(task);
    }

    @Override
    public void release(Task<?> task) {
        owned.remove(task);
    }

    private final class MainWaker implements Waker, Context {
        volatile boolean notified = true;

        @Override
        public void wake() {
            if (!notified) {
                notified = true;
                if (Thread.currentThread() != owner) {
                    driver.unpark();
                }
            }
        }

        @Override
        public Waker waker() {
            return this;
        }
    }

    @Override
    public <T> T blockOn(Async<T> future) {
        if (shutdown) {
            throw new IllegalStateException("runtime is shut down");
        }
        Thread me = Thread.currentThread();
        if (owner != null) {
            throw new IllegalStateException("blockOn is already running on " + owner.getName());
        }
        owner = me;
        RuntimeCore prev = RuntimeContext.enter(this);
        MainWaker main = new MainWaker();
        try {
            for (;;) {
                if (main.notified) {
                    main.notified = false;
                    Poll<T> p = future.poll(main);
                    if (p.isReady()) {
                        return p.value();
                    }
                }
                boolean ran = runBatch(main);
                if (!ran && !main.notified) {
                    stats.parks++;
                    // Hold the time role so that a timer registered from another thread (a
                    // spawnBlocking thread) with an earlier deadline cuts the park short.
                    time.tryBecomeSleeper(driver);
                    try {
                        driver.park(time.millisUntilNext());
                    } finally {
                        time.releaseSleeper(driver);
                    }
                    time.process();
                    drainInject();
                }
                if (me.isInterrupted()) {
                    future.cancel();
                    throw new CancelledException("blockOn interrupted");
                }
            }
        } finally {
            RuntimeContext.exit(prev);
            owner = null;
        }
    }

    /** Runs up to one event interval of tasks; returns whether any ran. */
    private boolean runBatch(MainWaker main) {
        boolean ran = false;
        for (int i = 0; i < EVENT_INTERVAL && !main.notified; i++) {
            tick++;
            if (tick % EVENT_INTERVAL == 0) {
                driver.pollIoNow();
                time.process();
                drainInject();
            }
            Task<?> t = local.pollFirst();
            if (t == null) {
                drainInject();
                t = local.pollFirst();
                if (t == null) {
                    return ran;
                }
            }
            stats.polls++;
            if (timing) {
                long nanos = t.run(Task.BUDGET, true);
                pollTimes.record(nanos);
                stats.busyNanos += nanos;
            } else {
                t.run();
            }
            ran = true;
        }
        return ran;
    }

    private void drainInject() {
        Task<?> t;
        while ((t = inject.pop()) != null) {
            local.addLast(t);
        }
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public TimeDriver time() {
        return time;
    }

    @Override
    public Driver anyDriver() {
        return driver;
    }

    @Override
    public Object facade() {
        return facade;
    }

    @Override
    public void shutdown(long deadlineNanos) {
        synchronized (this) {
            if (shutdown) {
                return;
            }
            shutdown = true;
        }
        inject.close();
        List<Task<?>> remaining = owned.closeAndSnapshot();
        for (Task<?> t : remaining) {
            t.shutdownCancel();
        }
        if (owner == null) {
            local.clear();
            driver.close();
        }
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public WorkerStats[] workerStats() {
        return new WorkerStats[] {stats};
    }

    @Override
    public int injectionQueueDepth() {
        return inject.len();
    }

    @Override
    public int liveTasks() {
        return owned.size();
    }

    @Override
    public void pollTiming(boolean on) {
        timing = on;
    }

    @Override
    public boolean pollTiming() {
        return timing;
    }

    @Override
    public long pollTimesInto(long[] counts) {
        return pollTimes.copyInto(counts);
    }

    /** None: this flavour has no slow-poll detector. */
    @Override
    public List<SlowPoll> slowPollIncidents() {
        return List.of();
    }

    /** Every tracked task; a running one has no stack here (it runs on the caller of blockOn). */
    @Override
    public TaskDump taskDump(long waitNanos) {
        return TaskDumps.build(owned.snapshot(), new Worker[0], List.of());
    }
}
