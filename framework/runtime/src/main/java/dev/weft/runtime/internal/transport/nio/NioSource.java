package dev.weft.runtime.internal.transport.nio;

import dev.weft.runtime.Waker;
import dev.weft.runtime.internal.transport.Reactor;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * A channel registered with one worker's selector ({@link NioPoller}), with separate read and write
 * wakers.
 *
 * <p>Readiness protocol (lossless over the level-triggered selector): a task that found the
 * channel not ready stores its waker <em>then</em> adds the interest bit.
 * <ul>
 *   <li>Write interest is cleared on every write event: a socket is almost always writable, and a
 *       set bit would spin the selector.</li>
 *   <li>Read interest stays set while a reader keeps coming back. Every change of interest costs an
 *       {@code epoll_ctl} at the next select, and a keep-alive connection waits for its next
 *       request after every response: clearing and re-arming per request doubled the system calls
 *       of a small request. The driver clears read interest only when a read event finds no waker
 *       (the reader stopped reading, e.g. backpressure), then looks for a waker once more: a reader
 *       that stored one meanwhile either is seen there, or re-arms the bit after the clear.</li>
 * </ul>
 */
final class NioSource {
    private static final VarHandle READ_WAKER;
    private static final VarHandle WRITE_WAKER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            READ_WAKER = l.findVarHandle(NioSource.class, "readWaker", Waker.class);
            WRITE_WAKER = l.findVarHandle(NioSource.class, "writeWaker", Waker.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SelectableChannel channel;
    private final Reactor driver;
    private final SelectionKey key;
    @SuppressWarnings("unused") // through READ_WAKER
    private volatile Waker readWaker;
    @SuppressWarnings("unused") // through WRITE_WAKER
    private volatile Waker writeWaker;
    private volatile boolean closed;
    /** Set on the owner's thread once its selector let go of this source's key (see {@link #closeAndRelease()}). */
    private volatile boolean released;
    /** Who waits for {@link #released}. */
    private volatile Waker releaseWaker;

    /** Registers a non-blocking channel with {@code driver}'s selector. */
    NioSource(SelectableChannel channel, Reactor driver) throws IOException {
        this.channel = channel;
        this.driver = driver;
        if (!(driver.poller() instanceof NioPoller poller)) {
            throw new IllegalStateException("a NIO socket cannot wait on a " + driver.poller().getClass().getSimpleName()
                    + ": the runtime uses another transport");
        }
        this.key = poller.register(channel, this);
    }

    /**
     * Waits for read readiness ({@code OP_READ} or {@code OP_ACCEPT}): call after an attempt
     * returned nothing.
     */
    void awaitReadable(Waker w, int op) {
        READ_WAKER.setVolatile(this, w);
        arm(op);
    }

    /** Waits for write readiness ({@code OP_WRITE} or {@code OP_CONNECT}). */
    void awaitWritable(Waker w, int op) {
        WRITE_WAKER.setVolatile(this, w);
        arm(op);
    }

    private void arm(int op) {
        if (closed) {
            wakeAll();
            return;
        }
        try {
            if ((key.interestOps() & op) == op) {
                // Already armed (read interest usually stays so): skip the atomic update. The
                // waker was stored first, so a driver clearing the bit after this check sees it
                // and re-arms (see disarmRead).
                return;
            }
            int before = key.interestOpsOr(op);
            if ((before & op) == 0) {
                // The interest change is applied by the owner's next select; a parked owner must
                // be woken for it to happen, a busy one will get there on its own.
                driver.wakeIfParked();
            }
        } catch (CancelledKeyException e) {
            wakeAll();
        }
    }

    /** Called by the owning driver when the selector reports the key. */
    void onReady(SelectionKey k) {
        int ready;
        try {
            ready = k.readyOps();
            int writeOps = ready & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT);
            if (writeOps != 0) {
                k.interestOpsAnd(~writeOps);
            }
        } catch (CancelledKeyException e) {
            wakeAll();
            return;
        }
        int readOps = ready & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
        if (readOps != 0) {
            Waker w = (Waker) READ_WAKER.getAndSet(this, (Waker) null);
            if (w != null) {
                w.wake();
            } else {
                disarmRead(k, readOps);
            }
        }
        if ((ready & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
            wake(WRITE_WAKER);
        }
    }

    /** Nobody waits to read: stop the level-triggered event from repeating, without losing a new reader. */
    private void disarmRead(SelectionKey k, int readOps) {
        try {
            k.interestOpsAnd(~readOps);
            if (READ_WAKER.getVolatile(this) != null) {
                // A reader stored its waker after we looked; it may have armed before our clear.
                k.interestOpsOr(readOps);
            }
        } catch (CancelledKeyException e) {
            wakeAll();
        }
    }

    private void wake(VarHandle h) {
        Waker w = (Waker) h.getAndSet(this, (Waker) null);
        if (w != null) {
            w.wake();
        }
    }

    /** Forgets any waiting task's waker without waking it (its async value was cancelled). */
    void clearReadWaker() {
        READ_WAKER.setVolatile(this, (Waker) null);
    }

    void clearWriteWaker() {
        WRITE_WAKER.setVolatile(this, (Waker) null);
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes the channel (idempotent) and wakes both waiters so they observe the close. */
    void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        key.cancel();
        try {
            channel.close();
        } finally {
            wakeAll();
            driver.wakeIfParked(); // let the selector flush the cancelled key
        }
    }

    /**
     * Closes like {@link #close()}, and also tracks when the kernel's socket is really gone: a
     * closed channel that is still registered stays open (a listening socket keeps completing
     * handshakes) until the owning worker's next select deregisters it. {@link #pollReleased}
     * turns ready after that select.
     */
    void closeAndRelease() throws IOException {
        boolean first = !closed;
        close();
        if (first) {
            driver.afterNextPoll(() -> {
                released = true;
                Waker w = releaseWaker;
                if (w != null) {
                    w.wake();
                }
            });
        }
    }

    /** Ready once the socket closed by {@link #closeAndRelease()} is released by the selector. */
    boolean pollReleased(Waker waker) {
        if (released) {
            return true;
        }
        releaseWaker = waker;
        return released;
    }

    private void wakeAll() {
        wake(READ_WAKER);
        wake(WRITE_WAKER);
    }
}
