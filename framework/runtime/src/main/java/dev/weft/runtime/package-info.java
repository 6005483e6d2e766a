/**
 * Weft's async runtime: poll-based tasks on a work-stealing scheduler, with an I/O reactor and
 * timers, usable on its own without any HTTP.
 *
 * <p>May import: the JDK, SLF4J and {@code dev.weft.runtime.internal}, whose scheduler it fronts;
 * never the {@code time}, {@code net} or {@code sync} packages, which are built on this one.
 *
 * <h2>Model</h2>
 * An {@link dev.weft.runtime.Async} is polled with a {@link dev.weft.runtime.Context}; when it
 * cannot finish it registers {@code cx.waker()} and returns pending. A task is an {@code Async}
 * handed to {@link dev.weft.runtime.AsyncRuntime#spawn}; its {@link dev.weft.runtime.JoinHandle} is
 * itself an {@code Async}. Nothing ever blocks a worker thread; blocking code goes to
 * {@link dev.weft.runtime.AsyncRuntime#spawnBlocking} (a virtual thread).
 *
 * <pre>{@code
 * try (AsyncRuntime rt = AsyncRuntime.builder().workers(4).build()) {
 *     JoinHandle<Integer> h = rt.spawn(Time.sleep(Duration.ofMillis(5)).map(v -> 42));
 *     int v = rt.blockOn(h);
 * }
 * }</pre>
 *
 * <h2>Scheduler (multi-thread flavour)</h2>
 * After Tokio's: each worker has a 256-slot local queue (owner pushes/pops, idle workers steal
 * half), a LIFO slot for the task most recently woken or spawned by the running task (at most 3
 * LIFO polls in a row), and all share an injection queue for work from outside, checked first
 * every 61 ticks so it cannot starve. At most half the workers search for work at once; a parked
 * worker is woken only when nobody is searching. Each task poll gets a coop budget of 128 units
 * that leaf resources (sockets, channels, semaphores) consume, so an always-ready task still
 * yields. Spawning from inside a task ({@link dev.weft.runtime.AsyncRuntime#spawnHere}) puts the child
 * in the spawner's LIFO slot; spawning from outside goes through the injection queue.
 *
 * <h2>Reactor and timers</h2>
 * Each worker owns a {@link java.nio.channels.Selector} and parks in it (or on
 * {@link java.util.concurrent.locks.LockSupport} while it has no channel), so the idle worker is
 * the one waiting for I/O; a busy worker polls its selector without blocking every 61 ticks.
 * A connection registers with one worker's selector, chosen round-robin (as Netty assigns
 * channels to event loops), and its readiness wakes the task onto that worker's queue, so a
 * connection stays on one worker unless stolen; a listener registers with the worker that
 * first accepts on it. {@code Selector.wakeup()} is called only for a worker actually parked in select.
 * Timers live in one hierarchical wheel (6 levels x 64 slots, 1 ms) advanced by the parked
 * worker that holds the time role and by busy workers' periodic checks.
 *
 * <h2>Observability</h2>
 * {@link dev.weft.runtime.AsyncRuntime#metrics()} snapshots per-worker counters; a poll longer than
 * {@link dev.weft.runtime.AsyncRuntime.Builder#slowPollThreshold} (100 ms) is logged once, with the
 * task's name and the worker's stack, on the {@code dev.weft.runtime.SlowPoll} logger.
 */
package dev.weft.runtime;
