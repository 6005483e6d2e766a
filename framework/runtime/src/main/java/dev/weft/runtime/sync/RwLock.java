package dev.weft.runtime.sync;

import dev.weft.runtime.Async;
import java.util.function.Function;

/**
 * A fair async reader-writer lock (Tokio's design): a semaphore with {@link #MAX_READERS}
 * permits; a reader takes one, a writer takes all. Because the semaphore is FIFO, a waiting writer
 * holds back readers that arrive after it, so writers are not starved.
 *
 * <pre>{@code
 * RwLock<Map<String, Integer>> cache = new RwLock<>(new HashMap<>());
 * Async<Integer> v = cache.withRead(g -> Async.ready(g.get().get("k")));
 * Async<Void> w = cache.withWrite(g -> { g.get().put("k", 1); return Async.ready(null); });
 * }</pre>
 *
 * @param <T> the guarded value's type
 */
public final class RwLock<T> {
    /** Maximum concurrent readers (Tokio uses {@code u32::MAX >> 3}; any large bound works). */
    public static final int MAX_READERS = 1 << 20;

    private final Semaphore sem = new Semaphore(MAX_READERS);
    private T value;

    /** Creates a lock guarding {@code value}. */
    public RwLock(T value) {
        this.value = value;
    }

    /** Waits for shared access. */
    public Async<Guard<T>> read() {
        return sem.acquire(1).map(p -> new Guard<>(this, p, false));
    }

    /** Waits for exclusive access. */
    public Async<Guard<T>> write() {
        return sem.acquire(MAX_READERS).map(p -> new Guard<>(this, p, true));
    }

    /** Runs {@code body} with shared access, released on completion, failure or cancellation. */
    public <R> Async<R> withRead(Function<? super Guard<T>, ? extends Async<R>> body) {
        return new Semaphore.Guarded<>(read(), body);
    }

    /** Runs {@code body} with exclusive access, released on completion, failure or cancellation. */
    public <R> Async<R> withWrite(Function<? super Guard<T>, ? extends Async<R>> body) {
        return new Semaphore.Guarded<>(write(), body);
    }

    /**
     * Shared or exclusive access until {@link #release()}.
     *
     * @param <T> the value type
     */
    public static final class Guard<T> implements AutoCloseable {
        private final RwLock<T> lock;
        private final Semaphore.Permit permit;
        private final boolean exclusive;
        private boolean released;

        Guard(RwLock<T> lock, Semaphore.Permit permit, boolean exclusive) {
            this.lock = lock;
            this.permit = permit;
            this.exclusive = exclusive;
        }

        public T get() {
            if (released) {
                throw new IllegalStateException("guard already released");
            }
            return lock.value;
        }

        /** Replaces the value; only with write access. */
        public void set(T v) {
            if (!exclusive) {
                throw new IllegalStateException("read guard cannot set");
            }
            if (released) {
                throw new IllegalStateException("guard already released");
            }
            lock.value = v;
        }

        public boolean isExclusive() {
            return exclusive;
        }

        public void release() {
            if (!released) {
                released = true;
                permit.release();
            }
        }

        @Override
        public void close() {
            release();
        }
    }
}
