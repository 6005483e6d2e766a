package dev.weft.runtime.internal;

import dev.weft.runtime.internal.transport.Poller;
import dev.weft.runtime.internal.transport.Reactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker's I/O driver and parker in one: each worker owns a transport's {@link Poller} (a NIO
 * selector, an epoll instance) and parks by polling it, so I/O events, timers and new work all
 * end a park the same way.
 *
 * <p>The park protocol is Tokio's {@code park.rs} state machine over {@code EMPTY / PARKED /
 * NOTIFIED}: {@link #unpark()} swaps in {@code NOTIFIED} and only calls the expensive
 * {@link Poller#wakeup()} if the previous state was {@code PARKED}; a park that finds
 * {@code NOTIFIED} returns at once. A notification can therefore never be lost: either the
 * parker sees {@code NOTIFIED} before polling, or the unparker sees {@code PARKED} and the
 * wake-up makes the (current or next) poll return. The protocol is the same for every transport:
 * all it asks of one is {@link Poller#wakeup()}'s promise.
 *
 * <p>A worker with nothing registered parks on {@link LockSupport} instead
 * ({@code PARKED_THREAD}): a futex wake is several times cheaper than waking a poller (a write
 * to its wake-up fd, a return from {@code epoll_wait}, a read to drain the fd), which matters for
 * compute-only workloads where workers park and unpark constantly. The choice is re-checked
 * after announcing the park, and a registration announces itself ({@link Poller#isEmpty()} turns
 * false) before waking us, so a registration racing with the park is never missed (Dekker on two
 * volatile accesses).
 */
public final class Driver implements Reactor {
    static final int EMPTY = 0;
    static final int PARKED = 1;
    static final int NOTIFIED = 2;
    static final int PARKED_THREAD = 3;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Driver.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    private final Poller poller;
    private volatile Thread owner;
    /**
     * Actions to run once a poll has let go of the handles closed before it: closing a channel
     * registered with a NIO selector only marks it, and the kernel's socket stays open (a listener
     * keeps accepting) until the owner's next select deregisters it. Any thread adds; the owner
     * drains.
     */
    private final ConcurrentLinkedQueue<Runnable> afterSelect = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** A driver over {@code poller}, which it owns from now on (and closes in {@link #close()}). */
    public Driver(Poller poller) {
        this.poller = poller;
    }

    @Override
    public Poller poller() {
        return poller;
    }

    /** Counts poller wake-ups actually issued (metrics). */
    long wakeups() {
        return poller.wakeups();
    }

    /**
     * Parks the calling (owning) thread until {@link #unpark()}, I/O readiness, or the timeout.
     *
     * @param timeoutMs -1 to wait indefinitely, 0 to only poll
     */
    public void park(long timeoutMs) {
        if (!afterSelect.isEmpty()) {
            // Someone waits for a cancelled key to be let go: a select that does not block will.
            STATE.getAndSet(this, EMPTY);
            pollIoNow();
            return;
        }
        if (STATE.compareAndSet(this, NOTIFIED, EMPTY)) {
            pollIoNow();
            return;
        }
        if (timeoutMs == 0) {
            pollIoNow();
            return;
        }
        if (poller.isEmpty()) {
            if (STATE.compareAndSet(this, EMPTY, PARKED_THREAD)) {
                if (poller.isEmpty()) {
                    parkThread(timeoutMs);
                    return;
                }
                if (!STATE.compareAndSet(this, PARKED_THREAD, EMPTY)) {
                    STATE.getAndSet(this, EMPTY); // notified meanwhile: consume it and return
                    return;
                }
            } else {
                STATE.getAndSet(this, EMPTY);
                return;
            }
        }
        if (!STATE.compareAndSet(this, EMPTY, PARKED)) {
            STATE.getAndSet(this, EMPTY);
            pollIoNow();
            return;
        }
        try {
            poller.poll(timeoutMs < 0 ? -1L : timeoutMs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            STATE.getAndSet(this, EMPTY);
        }
    }

    private void parkThread(long timeoutMs) {
        Thread me = Thread.currentThread();
        owner = me;
        long deadline = timeoutMs < 0 ? 0 : System.nanoTime() + timeoutMs * 1_000_000L;
        while ((int) STATE.getVolatile(this) == PARKED_THREAD) {
            if (timeoutMs < 0) {
                LockSupport.park(this);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, left);
            }
            if (me.isInterrupted()) {
                break;
            }
        }
        STATE.getAndSet(this, EMPTY);
    }

    /** Processes ready I/O without blocking (the busy worker's periodic check). */
    public void pollIoNow() {
        // Taken before the select: what is queued later may name a key this select did not see.
        Runnable[] released = afterSelect.isEmpty() ? null : takeAfterSelect();
        if (poller.isEmpty()) {
            // Nothing registered, not even a cancelled key waiting to be let go: skip the system
            // call (compute-only workers).
            runAll(released);
            return;
        }
        try {
            poller.poll(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            runAll(released);
        }
    }

    /**
     * Runs {@code action} on the owner after its next select, by which time every key cancelled
     * before this call is deregistered and its channel really closed; at once if the driver is
     * closed (closing the selector deregistered everything). Any thread.
     */
    @Override
    public void afterNextPoll(Runnable action) {
        afterSelect.add(action);
        if (closed && afterSelect.remove(action)) {
            action.run();
            return;
        }
        unpark();
    }

    private Runnable[] takeAfterSelect() {
        java.util.ArrayList<Runnable> taken = new java.util.ArrayList<>();
        for (Runnable r; (r = afterSelect.poll()) != null; ) {
            taken.add(r);
        }
        return taken.toArray(Runnable[]::new);
    }

    private static void runAll(Runnable[] actions) {
        if (actions != null) {
            for (Runnable r : actions) {
                r.run();
            }
        }
    }

    /** Unparks the owner; a poller wake-up is issued only if it is parked in poll. */
    public void unpark() {
        int prev = (int) STATE.getAndSet(this, NOTIFIED);
        if (prev == PARKED) {
            poller.wakeup();
        } else if (prev == PARKED_THREAD) {
            LockSupport.unpark(owner);
        }
    }

    /**
     * Wakes the owner only if it is parked, so that an interest change made from another thread
     * takes effect; a busy owner picks it up at its next select.
     */
    @Override
    public void wakeIfParked() {
        if (STATE.compareAndSet(this, PARKED, NOTIFIED)) {
            poller.wakeup();
        } else if (STATE.compareAndSet(this, PARKED_THREAD, NOTIFIED)) {
            LockSupport.unpark(owner);
        }
    }

    public boolean isParked() {
        int st = (int) STATE.getVolatile(this);
        return st == PARKED || st == PARKED_THREAD;
    }

    public void close() {
        closed = true;
        poller.close();
        // Closing the poller deregistered everything: whoever waited for a handle is released.
        runAll(takeAfterSelect());
    }
}
