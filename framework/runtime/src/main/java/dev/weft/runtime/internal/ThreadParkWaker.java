package dev.weft.runtime.internal;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one async value on an ordinary thread (the {@code blockOn} caller of a multi-thread
 * runtime): poll, and between polls park the thread until the waker fires. The {@code notified}
 * flag is set before unparking and cleared before polling, so a wake that races with the poll is
 * never lost, only turned into one extra poll.
 */
public final class ThreadParkWaker implements Waker, Context {
    private final Thread thread = Thread.currentThread();
    private volatile boolean notified = true;

    @Override
    public void wake() {
        if (!notified) {
            notified = true;
            LockSupport.unpark(thread);
        }
    }

    @Override
    public Waker waker() {
        return this;
    }

    /** Polls {@code future} until ready, parking in between. */
    public <T> T run(Async<T> future) {
        return run(future, () -> false);
    }

    /**
     * Polls {@code future} until ready, parking in between; gives up (cancelling the value) when
     * {@code abandoned} turns true, e.g. because the runtime that drives its timers and I/O shut
     * down. Whoever flips it must call {@link #wake()} so the check runs.
     */
    public <T> T run(Async<T> future, java.util.function.BooleanSupplier abandoned) {
        for (;;) {
            if (abandoned.getAsBoolean()) {
                future.cancel();
                throw new dev.weft.runtime.CancelledException("runtime shut down during blockOn");
            }
            if (notified) {
                notified = false;
                Poll<T> p = future.poll(this);
                if (p.isReady()) {
                    return p.value();
                }
            } else {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    // An interrupted blockOn gives up: cancel the value so it releases what it holds.
                    future.cancel();
                    Thread.currentThread().interrupt();
                    throw new dev.weft.runtime.CancelledException("blockOn interrupted");
                }
            }
        }
    }
}
