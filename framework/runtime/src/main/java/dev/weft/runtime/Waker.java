package dev.weft.runtime;

/**
 * Schedules a task to be polled again. Wakers are cheap to call and may be called from any
 * thread, any number of times; waking a task that is already scheduled is a no-op.
 */
@FunctionalInterface
public interface Waker {
    /** Asks the runtime to poll the owning task again. */
    void wake();
}
