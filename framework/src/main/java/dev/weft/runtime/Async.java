package dev.weft.runtime;

/**
 * A value that becomes available later: Weft's equivalent of a Rust {@code Future}.
 *
 * <p>An {@code Async} is a state machine driven by {@link #poll(Context)}. A poll either returns
 * {@link Poll#ready(Object)} with the result, or {@link Poll#pending()} after arranging for the
 * context's {@link Waker} to be called when progress is possible. Polling never blocks a thread.
 * A poll that throws completes the value exceptionally.
 *
 * <p>Dropping an {@code Async} in Java does not release what it holds, so an {@code Async} that
 * is abandoned before completion (an aborted task, the loser of a {@code select}, the inner value
 * of an expired {@code timeout}) receives {@link #cancel()}: it must deregister wakers, release
 * permits and timers, and cancel the values it is itself waiting on.
 *
 * @param <T> the type of the eventual value
 */
@FunctionalInterface
public interface Async<T> {

    /**
     * Attempts to make progress.
     *
     * @param cx the polling task's context
     * @return ready with the value, or pending after registering {@code cx.waker()}
     */
    Poll<T> poll(Context cx);

    /**
     * Abandons this value before completion, releasing what it holds. Called at most once, never
     * concurrently with {@link #poll(Context)}, and never after the value returned ready. The
     * default does nothing, which is right for values that hold nothing.
     */
    default void cancel() {
    }
}
