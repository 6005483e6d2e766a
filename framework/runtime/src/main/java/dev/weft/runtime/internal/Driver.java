package dev.weft.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A worker's I/O driver and parker in one: each worker owns a {@link Selector} and parks by
 * selecting on it, so I/O readiness, timers and new work all end a park the same way.
 *
 * <p>The park protocol is Tokio's {@code park.rs} state machine over {@code EMPTY / PARKED /
 * NOTIFIED}: {@link #unpark()} swaps in {@code NOTIFIED} and only calls the expensive
 * {@link Selector#wakeup()} if the previous state was {@code PARKED}; a park that finds
 * {@code NOTIFIED} returns at once. A notification can therefore never be lost: either the
 * parker sees {@code NOTIFIED} before selecting, or the unparker sees {@code PARKED} and the
 * wake-up makes the (current or next) select return.
 *
 * <p>A worker with no channel registered parks on {@link LockSupport} instead
 * ({@code PARKED_THREAD}): a futex wake is several times cheaper than waking a selector (a write
 * to its wake-up fd, a return from {@code epoll_wait}, a read to drain the fd), which matters for
 * compute-only workloads where workers park and unpark constantly. The choice is re-checked
 * after announcing the park, and a channel registration announces itself before waking us, so a
 * registration racing with the park is never missed (Dekker on two volatile accesses).
 */
public final class Driver implements Consumer<SelectionKey> {
    /** The transport's name in logs. */
    public static final String TRANSPORT = "NIO";
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
    private final Selector selector;
    private volatile Thread owner;
    /** Counts selector wake-ups actually issued (metrics). */
    volatile long wakeups;
    /**
     * Actions to run once a select has let go of the keys cancelled before it: closing a
     * registered channel only marks it, and the kernel's socket stays open (a listener keeps
     * accepting) until the owner's next select deregisters it. Any thread adds; the owner drains.
     */
    private final ConcurrentLinkedQueue<Runnable> afterSelect = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    public Driver() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        if (selector.keys().isEmpty()) {
            if (STATE.compareAndSet(this, EMPTY, PARKED_THREAD)) {
                if (selector.keys().isEmpty()) {
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
            // select(0) waits indefinitely
            selector.select(this, timeoutMs < 0 ? 0L : timeoutMs);
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
        if (selector.keys().isEmpty()) {
            // Nothing registered, not even a cancelled key waiting to be let go: skip the system
            // call (compute-only workers).
            runAll(released);
            return;
        }
        try {
            selector.selectNow(this);
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
    public void afterNextSelect(Runnable action) {
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

    /** Unparks the owner; a selector wake-up is issued only if it is parked in select. */
    public void unpark() {
        int prev = (int) STATE.getAndSet(this, NOTIFIED);
        if (prev == PARKED) {
            wakeups++;
            selector.wakeup();
        } else if (prev == PARKED_THREAD) {
            LockSupport.unpark(owner);
        }
    }

    /**
     * Wakes the owner only if it is parked, so that an interest change made from another thread
     * takes effect; a busy owner picks it up at its next select.
     */
    public void wakeIfParked() {
        if (STATE.compareAndSet(this, PARKED, NOTIFIED)) {
            wakeups++;
            selector.wakeup();
        } else if (STATE.compareAndSet(this, PARKED_THREAD, NOTIFIED)) {
            LockSupport.unpark(owner);
        }
    }

    public boolean isParked() {
        int st = (int) STATE.getVolatile(this);
        return st == PARKED || st == PARKED_THREAD;
    }

    /** Registers a channel with interest 0; readiness is delivered to {@code source}. */
    public SelectionKey register(SelectableChannel ch, IoSource source) throws IOException {
        SelectionKey k = ch.register(selector, 0, source);
        // A parked owner must re-enter select for the new key to count.
        return k;
    }

    @Override
    public void accept(SelectionKey key) {
        Object a = key.attachment();
        if (a instanceof IoSource src) {
            src.onReady(key);
        }
    }

    public void close() {
        closed = true;
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing a selector that failed to open or close leaves nothing to release
        }
        // Closing the selector deregistered every key: whoever waited for one is released.
        runAll(takeAfterSelect());
    }
}
