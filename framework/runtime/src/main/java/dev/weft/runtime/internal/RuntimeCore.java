package dev.weft.runtime.internal;

import dev.weft.runtime.Async;
import dev.weft.runtime.SlowPoll;
import dev.weft.runtime.TaskDump;
import java.util.List;

/** What the public {@code AsyncRuntime} delegates to: one implementation per scheduler flavour. */
public interface RuntimeCore {

    /** Creates, tracks and schedules a task; a closed runtime returns it already cancelled. */
    <T> Task<T> spawn(Async<T> future, String name);

    /** Runs {@code future} to completion on the calling thread. */
    <T> T blockOn(Async<T> future);

    TimeDriver time();

    /** The transport every handle of this runtime belongs to. */
    dev.weft.runtime.internal.transport.Transport transport();

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

    /** Starts or stops timing polls (poll-time histogram, per-task probes, busy and parked time). */
    void pollTiming(boolean on);

    boolean pollTiming();

    /** Adds the poll-time histogram's counts over all workers to {@code counts}; returns their sum of nanoseconds. */
    long pollTimesInto(long[] counts);

    /** The last slow-poll incidents, oldest first. */
    List<SlowPoll> slowPollIncidents();

    /** Every live task, waiting up to {@code waitNanos} for busy workers to answer. */
    TaskDump taskDump(long waitNanos);
}
