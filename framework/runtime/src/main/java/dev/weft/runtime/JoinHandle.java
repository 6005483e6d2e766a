package dev.weft.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * The handle of a spawned task. It is itself an {@link Async}: awaiting it yields the task's
 * value, throws {@link TaskFailedException} (cause = the task's exception) if the task failed, or
 * {@link CancelledException} if it was aborted (or ended by throwing {@code CancelledException}
 * itself, e.g. through {@link CancellationToken#runUntilCancelled}).
 *
 * <p>Only one task may await a handle at a time (the handle stores a single waker, as Tokio's
 * does). {@link #cancel()} on the handle (for example when it loses a {@code select}) only stops
 * awaiting; it does not abort the task &mdash; use {@link #abort()} for that, exactly as dropping a
 * Tokio {@code JoinHandle} detaches rather than aborts.
 *
 * <p>Handles are created by the runtime ({@link AsyncRuntime#spawn}); the interface is not meant to be
 * implemented elsewhere. (It is not {@code sealed} because the implementation lives in an internal
 * package and sealing across packages breaks class-path users.)
 *
 * <pre>{@code
 * JoinHandle<Integer> h = runtime.spawn(Async.ready(42));
 * int v = runtime.blockOn(h);            // 42
 * h.toCompletableFuture().join();        // interop with ordinary Java code
 * }</pre>
 *
 * @param <T> the task's value type
 */
public interface JoinHandle<T> extends Async<T> {

    /**
     * Requests cancellation. A task that has not completed is cancelled before its next poll
     * (its {@link Async#cancel()} runs on a worker, never concurrently with a poll); aborting a
     * completed task does nothing.
     */
    void abort();

    /** True once the task has completed, failed or been cancelled. */
    boolean isFinished();

    /**
     * A future completed with the task's outcome, for code outside the runtime. It completes
     * exceptionally with the task's exception, or with {@link CancelledException}.
     * Cancelling the returned future does not abort the task.
     */
    CompletableFuture<T> toCompletableFuture();

    /** The task's name (for logs and the slow-poll detector). */
    String name();
}
