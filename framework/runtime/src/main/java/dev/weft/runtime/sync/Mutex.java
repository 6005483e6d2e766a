package dev.weft.runtime.sync;

import dev.weft.runtime.Async;
import java.util.function.Function;

/**
 * A fair async mutex guarding a value: waiting for it never blocks a thread, and waiters get the
 * lock in the order they asked (a one-permit {@link Semaphore}, as Tokio builds its Mutex).
 *
 * <pre>{@code
 * Mutex<List<String>> names = new Mutex<>(new ArrayList<>());
 * Async<Integer> size = names.withLock(g -> { g.get().add("x"); return Async.ready(g.get().size()); });
 * }</pre>
 *
 * <p>Prefer {@link #withLock}: the lock is released when the body completes, fails, or is
 * cancelled (the holding task aborted), and a cancelled wait leaves the queue. With {@link #lock()}
 * you must {@link Guard#release()} yourself.
 *
 * @param <T> the guarded value's type
 */
public final class Mutex<T> {
    private final Semaphore sem = new Semaphore(1);
    private T value;

    /** Creates a mutex guarding {@code value}. */
    public Mutex(T value) {
        this.value = value;
    }

    /** Waits for the lock. */
    public Async<Guard<T>> lock() {
        return sem.acquire(1).map(p -> new Guard<>(this, p));
    }

    /** Takes the lock if it is free and nobody is waiting, else null. */
    public Guard<T> tryLock() {
        Semaphore.Permit p = sem.tryAcquire(1);
        return p == null ? null : new Guard<>(this, p);
    }

    /** Runs {@code body} holding the lock; released on completion, failure or cancellation. */
    public <R> Async<R> withLock(Function<? super Guard<T>, ? extends Async<R>> body) {
        return new Semaphore.Guarded<>(lock(), body);
    }

    /** True if some task holds the lock now. */
    public boolean isLocked() {
        return sem.availablePermits() == 0;
    }

    /**
     * Exclusive access to the value until {@link #release()}.
     *
     * @param <T> the value type
     */
    public static final class Guard<T> implements AutoCloseable {
        private final Mutex<T> mutex;
        private final Semaphore.Permit permit;
        private boolean released;

        Guard(Mutex<T> mutex, Semaphore.Permit permit) {
            this.mutex = mutex;
            this.permit = permit;
        }

        /** The guarded value. */
        public T get() {
            check();
            return mutex.value;
        }

        /** Replaces the guarded value. */
        public void set(T v) {
            check();
            mutex.value = v;
        }

        private void check() {
            if (released) {
                throw new IllegalStateException("guard already released");
            }
        }

        /** Unlocks (idempotent); the next waiter in line gets the lock. */
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
