package dev.weft.runtime.sync;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;
import java.util.ArrayList;

/**
 * Wakes waiting tasks, with Tokio's {@code Notify} semantics:
 * <ul>
 *   <li>{@link #notifyOne()} wakes the longest waiter, or, if none is waiting, stores a single
 *       permit that the next {@link #notified()} consumes at once (so a notify that races ahead
 *       of the wait is not lost);
 *   <li>{@link #notifyWaiters()} wakes every task waiting now and stores nothing.
 * </ul>
 *
 * <pre>{@code
 * Notify ready = new Notify();
 * AsyncRuntime.spawnHere(ready.notified().map(v -> start()));
 * ready.notifyOne();
 * }</pre>
 *
 * A {@code notified()} value is registered on its first poll; cancelling it leaves the queue, and
 * if it had been chosen by {@code notifyOne} the notification passes to the next waiter.
 */
public final class Notify {
    private final Object lock = new Object();
    private boolean permit;
    private final FifoWaiters<Waiter> waiters = new FifoWaiters<>();

    private static final class Waiter extends FifoWaiters.Node {
        boolean notified;
        /** Chosen by notifyOne (rather than released by notifyWaiters). */
        boolean chosen;
    }

    /** Waits for a notification. */
    public Async<Void> notified() {
        return new Notified();
    }

    /** Wakes one waiter, or stores a permit for the next one. */
    public void notifyOne() {
        Waker w;
        synchronized (lock) {
            Waiter h = waiters.first();
            if (h == null) {
                permit = true;
                return;
            }
            waiters.remove(h);
            h.notified = true;
            h.chosen = true;
            w = h.waker;
            h.waker = null;
        }
        if (w != null) {
            w.wake();
        }
    }

    /** Wakes every task waiting now; stores no permit. */
    public void notifyWaiters() {
        ArrayList<Waker> wake = new ArrayList<>();
        synchronized (lock) {
            for (Waiter w = waiters.first(); w != null; w = waiters.first()) {
                waiters.remove(w);
                w.notified = true;
                if (w.waker != null) {
                    wake.add(w.waker);
                    w.waker = null;
                }
            }
        }
        wake.forEach(Waker::wake);
    }

    private final class Notified implements Async<Void> {
        private Waiter waiter;
        private boolean done;

        @Override
        public Poll<Void> poll(Context cx) {
            if (done) {
                return Poll.ready(null);
            }
            synchronized (lock) {
                if (waiter == null) {
                    if (permit) {
                        permit = false;
                        done = true;
                        return Poll.ready(null);
                    }
                    waiter = new Waiter();
                    waiter.waker = cx.waker();
                    waiters.addLast(waiter);
                    return Poll.pending();
                }
                if (waiter.notified) {
                    done = true;
                    return Poll.ready(null);
                }
                waiter.waker = cx.waker();
                return Poll.pending();
            }
        }

        @Override
        public void cancel() {
            if (done || waiter == null) {
                return;
            }
            done = true;
            boolean passOn;
            synchronized (lock) {
                waiters.remove(waiter);
                waiter.waker = null;
                // A notifyOne aimed at us must not be lost: hand it to the next waiter.
                passOn = waiter.chosen;
            }
            if (passOn) {
                notifyOne();
            }
        }
    }
}
