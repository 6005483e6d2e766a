package dev.weft.runtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

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
 * <h2>Combinators</h2>
 * The static and default methods here build new values from old ones without a thread:
 * <pre>{@code
 * Async<String> greeting = Async.ready("hello").map(s -> s + " world");
 * Async<Integer> len = greeting.flatMap(s -> Async.ready(s.length()));
 * Async<Integer> safe = len.recover(e -> -1);
 * Async<Integer> first = Async.race(Time.sleep(ms(10)).map(v -> 1), other);   // loser cancelled
 * Async<List<Integer>> both = Async.join(a, b);
 * }</pre>
 *
 * <p>Failure convention: a poll throws unchecked exceptions. {@link #failed(Throwable)} and
 * {@link #fromFuture} rethrow a {@link RuntimeException} or {@link Error} as is and wrap a
 * checked exception in {@link java.util.concurrent.CompletionException}.
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

    // ---- Transforming -----------------------------------------------------------------------

    /** Applies {@code f} to the value. Cancelling cancels this value. */
    default <R> Async<R> map(Function<? super T, ? extends R> f) {
        return new Combinators.Map<>(this, f);
    }

    /** Continues with the value produced by {@code f}. Cancelling cancels whichever stage runs. */
    default <R> Async<R> flatMap(Function<? super T, ? extends Async<R>> f) {
        return new Combinators.FlatMap<>(this, f);
    }

    /**
     * Replaces a failure (a {@link RuntimeException} thrown by a poll, including
     * {@link CancelledException} from an aborted task's handle) with {@code f}'s value.
     * {@link Error}s are not recovered.
     */
    default Async<T> recover(Function<? super RuntimeException, ? extends T> f) {
        return new Combinators.Recover<>(this, f);
    }

    // ---- Leaves -----------------------------------------------------------------------------

    /** A value that is ready at once. */
    static <T> Async<T> ready(T value) {
        Poll<T> p = Poll.ready(value);
        return cx -> p;
    }

    /** A value whose poll throws {@code error} (wrapped if checked; see the class docs). */
    static <T> Async<T> failed(Throwable error) {
        RuntimeException toThrow = Combinators.unchecked(error);
        return cx -> {
            if (error instanceof Error e) {
                throw e;
            }
            throw toThrow;
        };
    }

    /**
     * Awaits a {@link CompletableFuture}. Its failure is rethrown (a checked cause wrapped in
     * {@link java.util.concurrent.CompletionException}); a cancelled future throws
     * {@link CancelledException}. Cancelling the {@code Async} does not cancel the future, which
     * may be shared.
     */
    static <T> Async<T> fromFuture(CompletableFuture<T> future) {
        return new Combinators.FromFuture<>(future);
    }

    /**
     * Yields once: wakes itself and returns pending, so the task goes to the back of its worker's
     * queue (never the LIFO slot) and other tasks run first; ready on the next poll.
     */
    static Async<Void> yieldNow() {
        return new Combinators.YieldNow();
    }

    /** A value that never completes (until cancelled). */
    static <T> Async<T> never() {
        return cx -> Poll.pending();
    }

    // ---- Racing and joining -----------------------------------------------------------------

    /**
     * Polls the branches until one completes (with a value or a failure); that one wins and the
     * others are {@linkplain #cancel() cancelled} at once. Branches are polled in order, so an
     * earlier branch wins a tie. The result says which branch won.
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is copied and only read
    static <T> Async<Selected<T>> select(Async<? extends T>... branches) {
        return new Combinators.Select<>(branches.clone());
    }

    /** {@link #select(Async[])} over a list. */
    static <T> Async<Selected<T>> select(List<? extends Async<? extends T>> branches) {
        return new Combinators.Select<>(branches);
    }

    /** Like {@link #select(Async[])} but yields only the winner's value. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is copied and only read
    static <T> Async<T> race(Async<? extends T>... branches) {
        return new Combinators.Select<T>(branches.clone()).map(Selected::value);
    }

    /** {@link #race(Async[])} over a list. */
    static <T> Async<T> race(List<? extends Async<? extends T>> branches) {
        return new Combinators.Select<T>(branches).map(Selected::value);
    }

    /**
     * Waits for every branch and yields their values in order. A failing branch does not stop the
     * others; once all are done, the first failure is thrown (later ones attached as suppressed).
     * Use {@link #tryJoin} to fail fast.
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is copied and only read
    static <T> Async<List<T>> join(Async<? extends T>... branches) {
        return new Combinators.JoinAll<>(branches.clone(), false);
    }

    /** {@link #join(Async[])} over a list. */
    static <T> Async<List<T>> join(List<? extends Async<? extends T>> branches) {
        return new Combinators.JoinAll<>(branches, false);
    }

    /** Waits for every branch; the first failure cancels the others and is thrown at once. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is copied and only read
    static <T> Async<List<T>> tryJoin(Async<? extends T>... branches) {
        return new Combinators.JoinAll<>(branches.clone(), true);
    }

    /** {@link #tryJoin(Async[])} over a list. */
    static <T> Async<List<T>> tryJoin(List<? extends Async<? extends T>> branches) {
        return new Combinators.JoinAll<>(branches, true);
    }

    /**
     * Which branch of a {@link #select} completed first, and its value.
     *
     * @param index the winning branch's position
     * @param value its value
     * @param <T> the value type
     */
    record Selected<T>(int index, T value) {
    }
}
