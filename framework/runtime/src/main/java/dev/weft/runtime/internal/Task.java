package dev.weft.runtime.internal;

import dev.weft.runtime.Async;
import dev.weft.runtime.CancelledException;
import dev.weft.runtime.Context;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.TaskFailedException;
import dev.weft.runtime.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A spawned task: the {@link Async} being driven, its lifecycle state, and its outcome. One object
 * plays four roles so that spawning allocates once: the scheduler's unit of work, the task's own
 * {@link Context} and {@link Waker} (polls pass {@code this}), and the user's {@link JoinHandle}.
 *
 * <p>State bits (Tokio's task state, simplified): {@code NOTIFIED} means the task is in a run
 * queue or will be put there by the poll that is running; {@code RUNNING} means a worker is
 * polling it; {@code COMPLETE} is final; {@code CANCELLED} asks the next run to cancel instead of
 * poll. The invariant that makes wake-ups lossless: a wake either sets {@code NOTIFIED} on an idle
 * task and schedules it, or sets it on a running task, whose worker then reschedules it when the
 * poll returns pending.
 */
public final class Task<T> implements JoinHandle<T>, Context, Waker {
    private static final Logger LOG = LoggerFactory.getLogger(Task.class);

    static final int NOTIFIED = 1;
    static final int RUNNING = 2;
    static final int COMPLETE = 4;
    static final int CANCELLED = 8;

    /** Polls a task may spend on leaf resources before it must yield: Tokio's coop budget. */
    public static final int BUDGET = 128;

    private static final VarHandle STATE;
    private static final VarHandle FUTURE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(Task.class, "state", int.class);
            FUTURE = l.findVarHandle(Task.class, "cf", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Written through {@link #STATE}; initialised with a plain store (see the constructor). */
    private volatile int state;
    /**
     * The {@link Async} being driven until the task completes, then its outcome: the value, or a
     * {@link Failure}. One field for both keeps a task at 56 bytes rather than 64: every spawn
     * allocates one, and pending tasks are what a burst of spawns keeps in cache. Read as the
     * future only by the thread that set {@code RUNNING}; read as the outcome only after
     * {@code COMPLETE} was seen (the state's release/acquire orders it).
     */
    private Object body;
    private final Scheduler scheduler;
    private String name;
    private volatile Waker joinWaker;
    private volatile CompletableFuture<T> cf;
    private int budget;
    /**
     * Poll count, last poll time and spawn time, for the task dump; null unless the runtime was
     * timing polls when the task was spawned. Written only by the thread that holds
     * {@code RUNNING} (inside the poll), read racily by a dump.
     */
    TaskProbe probe;

    /** Intrusive link for the injection queue. */
    Task<?> queueNext;
    /** Intrusive links for {@link OwnedTasks}. */
    Task<?> ownedPrev;
    Task<?> ownedNext;
    int ownedShard = -1;

    public Task(Async<T> future, Scheduler scheduler, String name) {
        this.body = future;
        this.scheduler = scheduler;
        this.name = name;
        // A volatile store here would cost a full fence per spawn; the task is published to
        // other threads only through a run queue, whose release/acquire orders this store.
        STATE.set(this, NOTIFIED);
    }

    // ---- Context / Waker ------------------------------------------------------------------

    @Override
    public Waker waker() {
        return this;
    }

    @Override
    public boolean tryConsumeBudget() {
        if (budget > 0) {
            budget--;
            return true;
        }
        return false;
    }

    /** Whether the task has budget left in its current poll (for the LIFO fast path). */
    boolean hasBudget() {
        return budget > 0;
    }

    @Override
    public void wake() {
        for (;;) {
            int s = state;
            if ((s & (COMPLETE | NOTIFIED)) != 0) {
                return;
            }
            if (STATE.weakCompareAndSet(this, s, s | NOTIFIED)) {
                if ((s & RUNNING) == 0) {
                    scheduler.schedule(this);
                }
                return;
            }
        }
    }

    // ---- Running ----------------------------------------------------------------------------

    /** Polls the task once. Called by a worker that took it from a run queue. */
    public void run() {
        run(BUDGET);
    }

    /** Polls the task once with the given coop budget (the LIFO slot reuses what is left). */
    public void run(int budgetForPoll) {
        run(budgetForPoll, false);
    }

    /**
     * Polls the task once; when {@code timed}, or when the task has a {@link TaskProbe}, reads the
     * clock around the poll, records it in the probe (if any) and returns the poll's duration in
     * nanoseconds. Returns 0 when neither or when the task was not polled (complete, held
     * elsewhere, cancelled).
     *
     * <p>A probed task is timed whatever the caller says: it was spawned while the runtime timed
     * polls, and a worker learns that the runtime does only at its next check-in, so a worker that
     * has not yet would otherwise leave the task's first polls out of the dump.
     */
    long run(int budgetForPoll, boolean timed) {
        int s;
        for (;;) {
            s = state;
            if ((s & (COMPLETE | RUNNING)) != 0) {
                // RUNNING here means another thread holds the task: shutdown cancelling it (it
                // sets RUNNING | CANCELLED), or a poll in progress. Going on would poll or cancel
                // it on two threads at once; whoever holds it reschedules it if it was woken.
                return 0;
            }
            if (STATE.weakCompareAndSet(this, s, (s & ~NOTIFIED) | RUNNING)) {
                break;
            }
        }
        if ((s & CANCELLED) != 0) {
            cancelFuture();
            return 0;
        }
        budget = budgetForPoll;
        timed |= probe != null;
        long start = timed ? System.nanoTime() : 0;
        Poll<T> p;
        try {
            p = future().poll(this);
        } catch (Throwable t) {
            long elapsed = timed ? recordPoll(start) : 0;
            complete(null, t);
            return elapsed;
        }
        // Recorded while this thread still holds RUNNING: the probe has one writer at a time.
        long elapsed = timed ? recordPoll(start) : 0;
        if (p.isReady()) {
            complete(p.value(), null);
            return elapsed;
        }
        for (;;) {
            s = state;
            if ((s & (NOTIFIED | CANCELLED)) != 0) {
                // Woken (or aborted) while we were polling: the waker left scheduling to us.
                if (STATE.weakCompareAndSet(this, s, (s & ~RUNNING) | NOTIFIED)) {
                    scheduler.yieldTask(this);
                    return elapsed;
                }
            } else if (STATE.weakCompareAndSet(this, s, s & ~RUNNING)) {
                return elapsed;
            }
        }
    }

    private long recordPoll(long start) {
        long elapsed = System.nanoTime() - start;
        TaskProbe pr = probe;
        if (pr != null) {
            pr.polls++;
            pr.lastPollNanos = elapsed;
        }
        return elapsed;
    }

    /** Starts recording this task's polls for the dump (at spawn, when the runtime times polls). */
    void startProbe(long nowNanos) {
        probe = new TaskProbe(nowNanos);
    }

    /** The raw state bits, read for the dump. */
    int stateBits() {
        return state;
    }

    /** Budget left after the last poll. */
    int remainingBudget() {
        return budget;
    }

    private void cancelFuture() {
        try {
            future().cancel();
        } catch (Throwable t) {
            LOG.warn("cancel() of task {} threw", name(), t);
        }
        complete(null, new CancelledException("task " + name() + " was cancelled"));
    }

    /**
     * Cancels a task that no worker will run again (runtime shutdown). Skips a task that is
     * being polled right now (a stuck worker) or already complete.
     */
    public boolean shutdownCancel() {
        for (;;) {
            int s = state;
            if ((s & (COMPLETE | RUNNING)) != 0) {
                return false;
            }
            if (STATE.weakCompareAndSet(this, s, s | RUNNING | CANCELLED)) {
                cancelFuture();
                return true;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Async<T> future() {
        return (Async<T>) body;
    }

    /** A task's outcome when it threw (or was cancelled). */
    private record Failure(Throwable cause) {
    }

    private void complete(T v, Throwable t) {
        this.body = t == null ? v : new Failure(t);
        for (;;) {
            int s = state;
            if (STATE.weakCompareAndSet(this, s, (s & ~RUNNING) | COMPLETE)) {
                break;
            }
        }
        if (t != null && !(t instanceof CancelledException) && LOG.isDebugEnabled()) {
            LOG.debug("task {} failed", name(), t);
        }
        Waker w = joinWaker;
        if (w != null) {
            joinWaker = null;
            w.wake();
        }
        CompletableFuture<T> f = cf;
        if (f != null) {
            completeFuture(f);
        }
        scheduler.release(this);
    }

    @SuppressWarnings("unchecked")
    private void completeFuture(CompletableFuture<T> f) {
        Object b = body;
        if (b instanceof Failure failure) {
            f.completeExceptionally(failure.cause());
        } else {
            f.complete((T) b);
        }
    }

    // ---- JoinHandle -----------------------------------------------------------------------

    @Override
    public Poll<T> poll(Context cx) {
        if ((state & COMPLETE) != 0) {
            return outcome();
        }
        joinWaker = cx.waker();
        if ((state & COMPLETE) != 0) {
            joinWaker = null;
            return outcome();
        }
        return Poll.pending();
    }

    @SuppressWarnings("unchecked")
    private Poll<T> outcome() {
        Object b = body;
        if (!(b instanceof Failure failure)) {
            return Poll.ready((T) b);
        }
        Throwable t = failure.cause();
        if (t instanceof CancelledException c) {
            throw new CancelledException(c.getMessage());
        }
        throw new TaskFailedException(name(), t);
    }

    /** Stops awaiting: clears the join waker. Does not abort the task (see {@link JoinHandle}). */
    @Override
    public void cancel() {
        joinWaker = null;
    }

    @Override
    public void abort() {
        for (;;) {
            int s = state;
            if ((s & (COMPLETE | CANCELLED)) != 0) {
                return;
            }
            if ((s & (RUNNING | NOTIFIED)) != 0) {
                // The running poll or the queued run will see CANCELLED.
                if (STATE.weakCompareAndSet(this, s, s | CANCELLED)) {
                    return;
                }
            } else if (STATE.weakCompareAndSet(this, s, s | CANCELLED | NOTIFIED)) {
                scheduler.schedule(this);
                return;
            }
        }
    }

    @Override
    public boolean isFinished() {
        return (state & COMPLETE) != 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> f = cf;
        if (f == null) {
            CompletableFuture<T> created = new CompletableFuture<>();
            f = (CompletableFuture<T>) FUTURE.compareAndExchange(this, null, created);
            if (f == null) {
                f = created;
            }
        }
        if ((state & COMPLETE) != 0) {
            completeFuture(f);
        }
        return f;
    }

    @Override
    public String name() {
        String n = name;
        if (n == null) {
            Object fut = (state & COMPLETE) == 0 ? body : null; // a racy read: only for the name
            n = "task@" + Integer.toHexString(System.identityHashCode(this))
                    + (fut instanceof Async<?> ? "(" + fut.getClass().getName() + ")" : "");
            name = n;
        }
        return n;
    }

    @Override
    public String toString() {
        return "Task[" + name() + ", state=" + state + "]";
    }
}
