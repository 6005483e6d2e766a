package dev.weft.runtime;

/**
 * What a poll receives from the runtime: the waker of the task being polled. An {@link Async}
 * that returns {@link Poll#pending()} must first have arranged for {@link #waker()} to be called.
 */
public interface Context {
    /** The waker of the task currently being polled. */
    Waker waker();
}
