package dev.weft.runtime;

/**
 * What a poll receives from the runtime: the waker of the task being polled. An {@link Async}
 * that returns {@link Poll#pending()} must first have arranged for {@link #waker()} to be called.
 */
public interface Context {
    /** The waker of the task currently being polled. */
    Waker waker();

    /**
     * Cooperative scheduling budget (Tokio's {@code coop}): a leaf resource (a channel receive, a
     * socket read, a lock acquisition) calls this before doing work that would return ready.
     * When it returns {@code false} the task has used its budget for this poll, and the resource
     * must call {@code waker().wake()} and return pending instead, so that a task that is always
     * ready still yields the worker to its queue. The runtime's tasks get 128 units per poll
     * (Tokio's budget). The default, for contexts outside a runtime task, never runs out.
     *
     * <pre>{@code
     * if (!cx.tryConsumeBudget()) { cx.waker().wake(); return Poll.pending(); }
     * }</pre>
     *
     * @return {@code true} if the caller may proceed
     */
    default boolean tryConsumeBudget() {
        return true;
    }
}
