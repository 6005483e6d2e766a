package dev.weft.runtime.internal;

/**
 * A worker's counters, written only by that worker with plain stores and read racily by
 * snapshots (a monotonic counter read slightly stale is still useful; making them atomic would
 * tax every poll).
 */
public final class WorkerStats extends HeadPadding {
    public long polls;
    public long steals;
    public long stealAttempts;
    public long parks;
    public long spawned;
    /** Tasks that completed on this worker (live tasks = spawned - completed, summed). */
    public long completed;
    public long overflows;
    public long lifoHits;
    public long remoteSchedules;
    /** Nanoseconds spent in polls, counted only while the runtime times polls. */
    public long busyNanos;
    /** Nanoseconds spent parked, counted only while the runtime times polls. */
    public long parkedNanos;
}
