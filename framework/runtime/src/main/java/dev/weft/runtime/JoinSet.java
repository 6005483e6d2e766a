package dev.weft.runtime;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A set of spawned tasks awaited in completion order (Tokio's {@code JoinSet}). Closing the set
 * aborts every task still in it, so structured code cannot leak tasks.
 *
 * <pre>{@code
 * try (JoinSet<Integer> set = new JoinSet<>(AsyncRuntime.current())) {
 *     for (Async<Integer> job : jobs) set.spawn(job);
 *     Async<Integer> first = set.joinNext();   // next to finish; null when the set is empty
 * }                                           // the rest are aborted
 * }</pre>
 *
 * <p>{@link #joinNext()} yields a task's value, or throws what awaiting its handle would
 * ({@link TaskFailedException}, {@link CancelledException}). One task at a time may await it.
 *
 * @param <T> the tasks' value type
 */
public final class JoinSet<T> implements AutoCloseable {
    private final AsyncRuntime runtime;
    private final Set<JoinHandle<T>> live = new LinkedHashSet<>();
    private final ArrayDeque<JoinHandle<T>> done = new ArrayDeque<>();
    private Waker waiter;
    private boolean closed;

    /** A set spawning onto {@code runtime}. */
    public JoinSet(AsyncRuntime runtime) {
        this.runtime = runtime;
    }

    /** Spawns a task into the set. */
    public JoinHandle<T> spawn(Async<T> task) {
        JoinHandle<T> h;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("join set closed");
            }
            h = runtime.spawn(task);
            live.add(h);
        }
        h.toCompletableFuture().whenComplete((v, e) -> finished(h));
        return h;
    }

    private void finished(JoinHandle<T> h) {
        Waker w;
        synchronized (this) {
            if (!live.remove(h)) {
                return;
            }
            done.addLast(h);
            w = waiter;
            waiter = null;
        }
        if (w != null) {
            w.wake();
        }
    }

    /** Tasks not yet returned by {@link #joinNext()}. */
    public synchronized int size() {
        return live.size() + done.size();
    }

    public synchronized boolean isEmpty() {
        return live.isEmpty() && done.isEmpty();
    }

    /** The next task to finish (its value, or its failure thrown); null if the set is empty. */
    public Async<T> joinNext() {
        return new Async<>() {
            @Override
            public Poll<T> poll(Context cx) {
                JoinHandle<T> h;
                synchronized (JoinSet.this) {
                    h = done.pollFirst();
                    if (h == null) {
                        if (live.isEmpty()) {
                            return Poll.ready(null);
                        }
                        waiter = cx.waker();
                        return Poll.pending();
                    }
                }
                return h.poll(cx); // finished: ready at once (or throws)
            }

            @Override
            public void cancel() {
                synchronized (JoinSet.this) {
                    waiter = null;
                }
            }
        };
    }

    /** Aborts every task in the set (they stay in it until they finish as cancelled). */
    public void abortAll() {
        JoinHandle<?>[] hs;
        synchronized (this) {
            hs = live.toArray(new JoinHandle<?>[0]);
        }
        for (JoinHandle<?> h : hs) {
            h.abort();
        }
    }

    /** Aborts all tasks and refuses new spawns. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        abortAll();
    }
}
