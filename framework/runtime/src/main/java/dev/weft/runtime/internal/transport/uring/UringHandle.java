package dev.weft.runtime.internal.transport.uring;

import dev.weft.runtime.Waker;
import dev.weft.runtime.internal.transport.Placement;
import dev.weft.runtime.internal.transport.Reactor;
import dev.weft.runtime.internal.uring.Ring;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a stream and a listener share: the lazy registration with a poller, the schedule that
 * hands the handle to the poller's thread, and the owner-side bookkeeping of its operations
 * (its slot in the poller's table, which the user data of its SQEs carries, and how many are in
 * flight). Fields marked "owner" are touched by the poller's thread only; the rest is guarded by
 * the handle's lock ({@code this}).
 */
abstract class UringHandle {
    /** Owner: index in the poller's table, -1 until the first service. */
    int slot = -1;
    /** Owner: operations submitted whose final completion has not been reaped. */
    int ops;
    /** Under the handle's lock: its descriptor is closed (by the owner, or by a close that needed no ring). */
    boolean released;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Placement placement;
    private volatile UringPoller poller;
    private Reactor reactor;

    UringHandle(Placement placement) {
        this.placement = placement;
    }

    /**
     * The poller, registering with the placement's reactor the first time. A handle already
     * released (closed before it ever needed a poller) is not counted: nothing will release it
     * again.
     */
    final UringPoller poller() {
        UringPoller p = poller;
        if (p == null) {
            synchronized (this) {
                p = poller;
                if (p == null) {
                    reactor = placement.reactor();
                    p = (UringPoller) reactor.poller();
                    if (!releasedLocked()) {
                        p.registered();
                    }
                    poller = p;
                }
            }
        }
        return p;
    }

    /** The poller if registered, else null. */
    final UringPoller registeredPoller() {
        return poller;
    }

    /** Hands this handle to its poller's thread, waking it if parked. Any thread, not under the lock. */
    final void schedule() {
        UringPoller p = poller();
        synchronized (this) {
            if (releasedLocked()) {
                return;
            }
        }
        if (p.isClosed()) {
            abandon(); // the runtime shut down: nobody polls this ring any more
            return;
        }
        if (queued.compareAndSet(false, true)) {
            p.enqueue(this);
            Reactor r;
            synchronized (this) {
                r = reactor;
            }
            r.wakeIfParked();
        }
    }

    /** Owner: schedules from the poller's own thread (no wake needed). */
    final void scheduleFromOwner(UringPoller p) {
        if (queued.compareAndSet(false, true)) {
            p.enqueue(this);
        }
    }

    final void dequeued() {
        queued.set(false);
    }

    final long userData(int op) {
        return ((long) slot << 8) | op;
    }

    static void wake(Waker w) {
        if (w != null) {
            w.wake();
        }
    }

    /** Owner: turns what the tasks asked for into SQEs (the poller made room for {@link #MAX_SQES}). */
    abstract void service(UringPoller p, Ring ring);

    /** Owner: the completion of operation {@code op}. Must not prepare SQEs (the poller may be full). */
    abstract void complete(UringPoller p, int op, int res, int flags);

    /** Under the lock: {@link #released}. */
    final boolean releasedLocked() {
        return released;
    }

    /** Owner: true when closed with nothing in flight, so {@link #release} may run. */
    abstract boolean releasable();

    /** Owner: closes the descriptor and frees the handle's memory. */
    abstract void release(UringPoller p);

    /** The poller is closing (its ring quiesced): close and free whatever is left. Any thread. */
    abstract void abandon();

    /** The most SQEs one {@link #service} prepares. */
    static final int MAX_SQES = 3;
}
