package dev.weft.runtime;

import dev.weft.runtime.internal.CurrentThreadScheduler;
import dev.weft.runtime.internal.MultiThreadScheduler;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.runtime.internal.RuntimeCore;
import dev.weft.runtime.internal.Task;
import dev.weft.runtime.internal.transport.Transports;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * A Weft runtime: a scheduler that polls {@link Async} tasks, an I/O reactor, and timers.
 *
 * <p>Two flavours, as in Tokio:
 * <ul>
 *   <li>{@linkplain #builder() multi-thread}: N worker threads with work stealing (default: one
 *       per available processor). Each worker owns a poller of the runtime's transport (a NIO
 *       selector, an epoll instance) and parks in it, so the worker that is idle is the one that
 *       waits for I/O.
 *   <li>{@linkplain #currentThread() current-thread}: every task runs on the thread that calls
 *       {@link #blockOn}; for tests and small tools.
 * </ul>
 *
 * <pre>{@code
 * try (AsyncRuntime rt = AsyncRuntime.builder().workers(4).name("app").build()) {
 *     int answer = rt.blockOn(Async.ready(21).map(x -> x * 2));
 *     JoinHandle<String> h = rt.spawn(Time.sleep(Duration.ofMillis(10)).map(v -> "done"));
 *     rt.blockOn(h);
 * }
 * }</pre>
 *
 * <p>From inside a task use the static {@link #spawnHere(Async)} (or {@code AsyncRuntime.current().spawn}):
 * a spawn from a worker goes to that worker's local queue.
 */
public final class AsyncRuntime implements AutoCloseable {
    /** Default stall-detector threshold: a poll longer than this is logged. */
    public static final Duration DEFAULT_SLOW_POLL_THRESHOLD = Duration.ofMillis(100);
    /**
     * The values {@link Builder#transport(String)} accepts: {@code auto}, {@code io_uring},
     * {@code epoll}, {@code nio}.
     */
    public static final java.util.List<String> TRANSPORTS = Transports.CHOICES;

    /** Default {@link #close()} deadline for workers to stop. */
    public static final Duration DEFAULT_SHUTDOWN_DEADLINE = Duration.ofSeconds(10);

    private final RuntimeCore core;
    private final String name;
    private final int workers;
    private final String transport;

    private AsyncRuntime(Builder b, boolean currentThread) {
        this.name = b.name;
        this.workers = currentThread ? 1 : b.workers;
        Transports.Selection selection = Transports.select(b.transport == null ? Transports.defaultChoice() : b.transport);
        this.transport = selection.transport().name();
        this.core = currentThread
                ? new CurrentThreadScheduler(this, selection.transport())
                : new MultiThreadScheduler(b.workers, b.name, this,
                        b.slowPollThreshold == null ? 0 : b.slowPollThreshold.toNanos(), selection.transport());
    }

    /** A builder for a multi-thread runtime. */
    public static Builder builder() {
        return new Builder();
    }

    /** A current-thread runtime: tasks run only inside {@link #blockOn}, on the calling thread. */
    public static AsyncRuntime currentThread() {
        Builder b = new Builder();
        b.name = "weft-current";
        return new AsyncRuntime(b, true);
    }

    /**
     * The runtime of the calling thread: a worker, a thread inside {@link #blockOn}, or a
     * {@link #spawnBlocking} virtual thread.
     *
     * @throws IllegalStateException outside a runtime
     */
    public static AsyncRuntime current() {
        return (AsyncRuntime) RuntimeContext.currentOrThrow().facade();
    }

    /** Spawns onto the calling thread's runtime (see {@link #current()}). */
    public static <T> JoinHandle<T> spawnHere(Async<T> task) {
        Objects.requireNonNull(task, "task");
        return RuntimeContext.currentOrThrow().spawn(task, null);
    }

    /** Spawns a named task onto the calling thread's runtime. */
    public static <T> JoinHandle<T> spawnHere(String taskName, Async<T> task) {
        Objects.requireNonNull(task, "task");
        return RuntimeContext.currentOrThrow().spawn(task, taskName);
    }

    /**
     * Drives {@code future} to completion on the calling thread and returns its value (an
     * exception thrown by a poll propagates). Must not be called from a worker thread.
     *
     * @throws IllegalStateException if the runtime is shut down, or called from a worker
     * @throws CancelledException if the runtime shuts down while waiting (the value is cancelled)
     */
    public <T> T blockOn(Async<T> future) {
        Objects.requireNonNull(future, "future");
        return core.blockOn(future);
    }

    /** Spawns a task. It starts running on a worker soon; the handle awaits, aborts or converts it. */
    public <T> JoinHandle<T> spawn(Async<T> task) {
        Objects.requireNonNull(task, "task");
        return core.spawn(task, null);
    }

    /** Spawns a task with a name, shown by the slow-poll detector and in errors. */
    public <T> JoinHandle<T> spawn(String taskName, Async<T> task) {
        Objects.requireNonNull(task, "task");
        return core.spawn(task, taskName);
    }

    /**
     * Runs blocking code on a new virtual thread and returns a handle awaited like any task.
     * The code sees this runtime as {@link #current()}. Aborting the handle interrupts the thread.
     * A thrown exception fails the handle (awaiting it throws {@link TaskFailedException}).
     */
    public <T> JoinHandle<T> spawnBlocking(Callable<T> work) {
        Objects.requireNonNull(work, "work");
        CompletableFuture<T> cf = new CompletableFuture<>();
        RuntimeCore c = core;
        Thread vt = Thread.ofVirtual().name(name + "-blocking").unstarted(() -> {
            RuntimeCore prev = RuntimeContext.enter(c);
            try {
                cf.complete(work.call());
            } catch (Throwable t) {
                cf.completeExceptionally(t);
            } finally {
                RuntimeContext.exit(prev);
            }
        });
        BlockingTask<T> bt = new BlockingTask<>(cf, vt);
        JoinHandle<T> h = core.spawn(bt, "spawnBlocking(" + work.getClass().getName() + ")");
        vt.start();
        return h;
    }

    /**
     * Starts or stops timing polls: a poll-time histogram per worker ({@link RuntimeMetrics#pollTimes()}),
     * each worker's busy and parked time, and for tasks spawned from then on their age, poll count
     * and last poll time ({@link #taskDump}). Off by default: it costs two clock reads per poll.
     * Workers pick the change up within a few dozen polls for the histograms; a task spawned while
     * timing is on has every poll of its life counted, whichever worker runs it.
     */
    public void pollTiming(boolean on) {
        core.pollTiming(on);
    }

    /** Whether polls are being timed. */
    public boolean pollTiming() {
        return core.pollTiming();
    }

    /**
     * Every live task now: name, state, age, polls, last poll time, and for a running task its
     * worker's stack. Each worker lists the tasks it owns itself, at its next check-in; a worker
     * stuck in a poll longer than {@code wait} is named in {@link TaskDump#unanswered()} and only
     * its running task is listed. Blocks the caller up to {@code wait}: call it from a blocking
     * handler or a thread of your own, never from a task.
     *
     * <pre>{@code
     * TaskDump dump = runtime.taskDump(Duration.ofSeconds(1));
     * }</pre>
     *
     * @throws IllegalStateException when called on one of this runtime's workers
     */
    public TaskDump taskDump(Duration wait) {
        return core.taskDump(Objects.requireNonNull(wait, "wait").toNanos());
    }

    /** The last {@value SlowPoll#KEPT} polls the slow-poll detector caught, oldest first. */
    public java.util.List<SlowPoll> slowPolls() {
        return core.slowPollIncidents();
    }

    /** Counters per worker and queue depths, read now. */
    public RuntimeMetrics metrics() {
        return RuntimeMetrics.of(core);
    }

    /** The runtime's name (thread-name prefix). */
    public String name() {
        return name;
    }

    /** The number of worker threads (1 for a current-thread runtime). */
    public int workers() {
        return workers;
    }

    /**
     * The transport through which the workers reach sockets and wait for I/O: {@code "epoll"}
     * (Linux's epoll through the FFM API) or {@code "nio"} (a {@code java.nio.channels.Selector}
     * per worker). See {@link Builder#transport(String)}.
     */
    public String transport() {
        return transport;
    }

    /** True once {@link #shutdown} has begun. */
    public boolean isShutdown() {
        return core.isShutdown();
    }

    /**
     * Stops the runtime: workers stop polling and are joined for at most {@code deadline}; then
     * every remaining task is cancelled (its {@link Async#cancel()} runs, its handle throws
     * {@link CancelledException}). Idempotent.
     */
    public void shutdown(Duration deadline) {
        core.shutdown(System.nanoTime() + deadline.toNanos());
    }

    /** {@link #shutdown(Duration)} with {@link #DEFAULT_SHUTDOWN_DEADLINE}. */
    @Override
    public void close() {
        shutdown(DEFAULT_SHUTDOWN_DEADLINE);
    }

    /** For sibling packages (time, net, sync) that need the internal core. */
    RuntimeCore core() {
        return core;
    }

    @Override
    public String toString() {
        return "AsyncRuntime[" + name + "]";
    }

    /**
     * Builds a multi-thread runtime.
     *
     * <table>
     *   <caption>Options</caption>
     *   <tr><th>option</th><th>default</th></tr>
     *   <tr><td>{@link #workers(int)}</td><td>{@code availableProcessors()}</td></tr>
     *   <tr><td>{@link #name(String)}</td><td>{@code "weft"}</td></tr>
     *   <tr><td>{@link #slowPollThreshold(Duration)}</td><td>100 ms; {@code null} disables</td></tr>
     *   <tr><td>{@link #transport(String)}</td><td>the {@code weft.transport} system property, else {@code auto}</td></tr>
     * </table>
     */
    public static final class Builder {
        private int workers = Runtime.getRuntime().availableProcessors();
        private String name = "weft";
        private Duration slowPollThreshold = DEFAULT_SLOW_POLL_THRESHOLD;
        private String transport;

        private Builder() {
        }

        /**
         * How the runtime reaches sockets: {@code auto} (NIO for now: io_uring and epoll, through
         * the FFM API, cost start-up time and memory to link their native calls; the choice and its
         * reason are logged once), {@code io_uring}, {@code epoll} or {@code nio}. A transport named
         * here that cannot run makes {@link #build()} fail with the reason.
         *
         * <pre>{@code
         * AsyncRuntime rt = AsyncRuntime.builder().transport("io_uring").build();
         * }</pre>
         *
         * @throws IllegalArgumentException if {@code name} is none of those, naming the allowed values
         */
        public Builder transport(String name) {
            this.transport = dev.weft.runtime.internal.transport.Transports.checkChoice("transport", name);
            return this;
        }

        /** Number of worker threads (at least 1). */
        public Builder workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workers must be >= 1: " + n);
            }
            this.workers = n;
            return this;
        }

        /** Thread-name prefix. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** A poll longer than this is logged with the task's name and the worker's stack. */
        public Builder slowPollThreshold(Duration threshold) {
            this.slowPollThreshold = threshold;
            return this;
        }

        /**
         * Starts the runtime.
         *
         * @throws IllegalStateException if the transport asked for cannot run here, saying why
         */
        public AsyncRuntime build() {
            return new AsyncRuntime(this, false);
        }
    }

    /** Awaits a virtual thread's result; aborting interrupts the thread. */
    private static final class BlockingTask<T> implements Async<T> {
        private final CompletableFuture<T> cf;
        private final Thread thread;
        private final Async<T> await;

        BlockingTask(CompletableFuture<T> cf, Thread thread) {
            this.cf = cf;
            this.thread = thread;
            this.await = Async.fromFuture(cf);
        }

        @Override
        public Poll<T> poll(Context cx) {
            return await.poll(cx);
        }

        @Override
        public void cancel() {
            thread.interrupt();
        }
    }
}
