package dev.weft.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
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
 */
public final class Driver implements Consumer<SelectionKey> {
    static final int EMPTY = 0;
    static final int PARKED = 1;
    static final int NOTIFIED = 2;

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
    /** Counts selector wake-ups actually issued (metrics). */
    volatile long wakeups;

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
        if (STATE.compareAndSet(this, NOTIFIED, EMPTY)) {
            pollIoNow();
            return;
        }
        if (timeoutMs == 0 || !STATE.compareAndSet(this, EMPTY, PARKED)) {
            STATE.setVolatile(this, EMPTY);
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

    /** Processes ready I/O without blocking (the busy worker's periodic check). */
    public void pollIoNow() {
        try {
            selector.selectNow(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unparks the owner; a selector wake-up is issued only if it is parked in select. */
    public void unpark() {
        int prev = (int) STATE.getAndSet(this, NOTIFIED);
        if (prev == PARKED) {
            wakeups++;
            selector.wakeup();
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
        }
    }

    public boolean isParked() {
        return (int) STATE.getVolatile(this) == PARKED;
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
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing a selector that failed to open or close leaves nothing to release
        }
    }
}
