package dev.weft.runtime.sync;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;
import java.util.function.Supplier;

/**
 * A fair (FIFO) async semaphore, after Tokio's {@code batch_semaphore}: waiting never blocks a
 * thread; an acquire that cannot be satisfied queues and is woken when released permits reach it.
 * Permits are handed to the queue head first, so a large request is not starved by small ones.
 *
 * <p>Cancellation releases: a queued acquire that is cancelled leaves the queue and returns any
 * permits already assigned to it; {@link #withPermits} releases when its body completes, fails or
 * is cancelled (the holding task aborted).
 *
 * <pre>{@code
 * Semaphore limit = new Semaphore(10);
 * Async<Response> r = limit.withPermit(() -> callBackend());      // at most 10 at once
 * Async<Semaphore.Permit> p = limit.acquire(1);                   // manual: p.release() when done
 * }</pre>
 */
public final class Semaphore {
    private final Object lock = new Object();
    private long permits;
    private final FifoWaiters<Waiter> waiters = new FifoWaiters<>();
    private boolean closed;

    /** Creates a semaphore with {@code permits} available. */
    public Semaphore(long permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must be >= 0: " + permits);
        }
        this.permits = permits;
    }

    /** Permits available now (for monitoring). */
    public long availablePermits() {
        synchronized (lock) {
            return permits;
        }
    }

    /** Acquires {@code n} permits without waiting, if available and nobody is queued (fairness). */
    public Permit tryAcquire(long n) {
        checkN(n);
        synchronized (lock) {
            if (closed) {
                throw new ClosedException("semaphore closed");
            }
            if (waiters.isEmpty() && permits >= n) {
                permits -= n;
                return new Permit(this, n);
            }
            return null;
        }
    }

    /** Waits for {@code n} permits. Cancelling a waiting acquire gives back what it was assigned. */
    public Async<Permit> acquire(long n) {
        checkN(n);
        return new Acquire(this, n);
    }

    /** Waits for one permit. */
    public Async<Permit> acquire() {
        return acquire(1);
    }

    /**
     * Runs {@code body} holding {@code n} permits, released when it completes, fails, or is
     * cancelled.
     */
    public <T> Async<T> withPermits(long n, Supplier<? extends Async<T>> body) {
        return new Guarded<>(acquire(n), p -> body.get());
    }

    /** {@link #withPermits} with one permit. */
    public <T> Async<T> withPermit(Supplier<? extends Async<T>> body) {
        return withPermits(1, body);
    }

    /** Adds {@code n} permits, waking queued acquires in order. */
    public void release(long n) {
        if (n <= 0) {
            return;
        }
        Waker toWake1 = null;
        java.util.ArrayList<Waker> more = null;
        synchronized (lock) {
            permits += n;
            while (!waiters.isEmpty() && permits > 0) {
                Waiter w = waiters.first();
                long take = Math.min(permits, w.needed - w.assigned);
                w.assigned += take;
                permits -= take;
                if (w.assigned < w.needed) {
                    break; // the head keeps its partial assignment; fairness blocks the rest
                }
                waiters.remove(w);
                w.done = true;
                Waker wk = w.waker;
                w.waker = null;
                if (wk != null) {
                    if (toWake1 == null) {
                        toWake1 = wk;
                    } else {
                        if (more == null) {
                            more = new java.util.ArrayList<>();
                        }
                        more.add(wk);
                    }
                }
            }
        }
        if (toWake1 != null) {
            toWake1.wake();
        }
        if (more != null) {
            more.forEach(Waker::wake);
        }
    }

    /** Closes the semaphore: queued and future acquires fail with {@link ClosedException}. */
    public void close() {
        java.util.ArrayList<Waker> wake = new java.util.ArrayList<>();
        synchronized (lock) {
            closed = true;
            for (Waiter w = waiters.first(); w != null; w = waiters.after(w)) {
                if (w.waker != null) {
                    wake.add(w.waker);
                }
            }
        }
        wake.forEach(Waker::wake);
    }

    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private static void checkN(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("permits to acquire must be > 0: " + n);
        }
    }

    private static final class Waiter extends FifoWaiters.Node {
        final long needed;
        long assigned;
        boolean done;

        Waiter(long needed) {
            this.needed = needed;
        }
    }

    /** Held permits; {@link #release()} (or {@link #close()}) returns them once. */
    public static final class Permit implements AutoCloseable {
        private final Semaphore sem;
        private final long n;
        private boolean released;

        Permit(Semaphore sem, long n) {
            this.sem = sem;
            this.n = n;
        }

        /** The number of permits held. */
        public long count() {
            return n;
        }

        /** Returns the permits to the semaphore; idempotent. */
        public void release() {
            if (!released) {
                released = true;
                sem.release(n);
            }
        }

        @Override
        public void close() {
            release();
        }
    }

    private static final class Acquire implements Async<Permit> {
        private final Semaphore sem;
        private final long n;
        private Waiter waiter;
        private boolean finished;

        Acquire(Semaphore sem, long n) {
            this.sem = sem;
            this.n = n;
        }

        @Override
        public Poll<Permit> poll(Context cx) {
            if (finished) {
                throw new IllegalStateException("acquire already completed");
            }
            if (!cx.tryConsumeBudget()) {
                cx.waker().wake();
                return Poll.pending();
            }
            synchronized (sem.lock) {
                if (waiter == null) {
                    if (sem.closed) {
                        finished = true;
                        throw new ClosedException("semaphore closed");
                    }
                    if (sem.waiters.isEmpty() && sem.permits >= n) {
                        sem.permits -= n;
                        finished = true;
                        return Poll.ready(new Permit(sem, n));
                    }
                    waiter = new Waiter(n);
                    // Take what is free now: the head of the queue accumulates permits.
                    if (sem.waiters.isEmpty()) {
                        waiter.assigned = sem.permits;
                        sem.permits = 0;
                    }
                    waiter.waker = cx.waker();
                    sem.waiters.addLast(waiter);
                    return Poll.pending();
                }
                if (waiter.done) {
                    finished = true;
                    return Poll.ready(new Permit(sem, n));
                }
                if (sem.closed) {
                    finished = true;
                    sem.waiters.remove(waiter);
                } else {
                    waiter.waker = cx.waker();
                    return Poll.pending();
                }
            }
            long give = waiter.assigned;
            waiter.assigned = 0;
            sem.release(give);
            throw new ClosedException("semaphore closed");
        }

        @Override
        public void cancel() {
            if (finished || waiter == null) {
                return;
            }
            finished = true;
            long give;
            synchronized (sem.lock) {
                sem.waiters.remove(waiter);
                waiter.waker = null;
                give = waiter.assigned;
                waiter.assigned = 0;
            }
            sem.release(give);
        }
    }

    /** Acquire, then run the body holding the permit; release on every way out. */
    static final class Guarded<P extends AutoCloseable, T> implements Async<T> {
        private Async<P> acquire;
        private final java.util.function.Function<? super P, ? extends Async<T>> body;
        private P held;
        private Async<T> running;

        Guarded(Async<P> acquire, java.util.function.Function<? super P, ? extends Async<T>> body) {
            this.acquire = acquire;
            this.body = body;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (running == null) {
                Poll<P> p = acquire.poll(cx);
                if (!p.isReady()) {
                    return Poll.pending();
                }
                acquire = null;
                held = p.value();
                try {
                    running = body.apply(held);
                } catch (RuntimeException | Error e) {
                    releaseHeld();
                    throw e;
                }
            }
            Poll<T> r;
            try {
                r = running.poll(cx);
            } catch (RuntimeException | Error e) {
                releaseHeld();
                throw e;
            }
            if (r.isReady()) {
                releaseHeld();
            }
            return r;
        }

        private void releaseHeld() {
            P h = held;
            held = null;
            if (h != null) {
                try {
                    h.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void cancel() {
            if (acquire != null) {
                acquire.cancel();
                acquire = null;
            }
            if (running != null) {
                try {
                    running.cancel();
                } finally {
                    releaseHeld();
                }
            }
        }
    }
}
