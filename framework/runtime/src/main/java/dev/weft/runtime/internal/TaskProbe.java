package dev.weft.runtime.internal;

/**
 * What the task dump shows of one task beyond its name and state: when it was spawned, how often
 * it was polled, and how long its last poll took. Allocated at spawn only while the runtime times
 * polls (see {@link Worker}), so an untimed runtime pays nothing for it.
 *
 * <p>Owner: whichever thread holds the task's {@code RUNNING} bit writes {@link #polls} and
 * {@link #lastPollNanos}, with plain stores inside the poll; the state's release/acquire orders
 * one poller's writes before the next one's. A dump reads them racily: a value it shows may be
 * one poll old.
 */
final class TaskProbe {
    /** {@link System#nanoTime()} at spawn. */
    final long spawnedAtNanos;
    long polls;
    /** Duration of the last finished poll, in nanoseconds; 0 before the first. */
    long lastPollNanos;

    TaskProbe(long spawnedAtNanos) {
        this.spawnedAtNanos = spawnedAtNanos;
    }
}
