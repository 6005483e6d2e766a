package dev.weft.runtime.internal;

import dev.weft.runtime.Async;

/** What the public {@code AsyncRuntime} delegates to: one implementation per scheduler flavour. */
public interface RuntimeCore {

    /** Creates, tracks and schedules a task; a closed runtime returns it already cancelled. */
    <T> Task<T> spawn(Async<T> future, String name);

    /** Runs {@code future} to completion on the calling thread. */
    <T> T blockOn(Async<T> future);

    TimeDriver time();

    /** A driver for registering a new channel when the caller is not one of this runtime's workers. */
    Driver anyDriver();

    /** The public runtime object (returned by {@code AsyncRuntime.current()}). */
    Object facade();

    /** Stops the workers, waits for them up to the deadline, cancels what is left. */
    void shutdown(long deadlineNanos);

    boolean isShutdown();

    /** Per-worker counters. */
    WorkerStats[] workerStats();

    int injectionQueueDepth();

    int liveTasks();
}
