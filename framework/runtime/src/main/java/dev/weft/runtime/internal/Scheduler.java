package dev.weft.runtime.internal;

/** What a {@link Task} needs from the scheduler that owns it. */
public interface Scheduler {

    /** Schedules a task that was woken (from any thread). */
    void schedule(Task<?> task);

    /**
     * Reschedules a task that was woken while it was being polled (including {@code yieldNow}):
     * it goes to the back of the queue, never the LIFO slot, so that it yields to its peers.
     */
    void yieldTask(Task<?> task);

    /** Called once when a task completes, so the scheduler stops tracking it. */
    void release(Task<?> task);
}
