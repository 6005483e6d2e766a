package dev.weft.runtime.internal.transport.epoll;

import dev.weft.runtime.Waker;
import dev.weft.runtime.internal.linux.Libc;
import dev.weft.runtime.internal.linux.Sockets;
import dev.weft.runtime.internal.transport.Placement;
import dev.weft.runtime.internal.transport.Reactor;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;

/**
 * What a stream and a listener share: the descriptor, its readiness, and the lazy registration
 * with the placement's poller (the first time a call has to wait). Close is idempotent and may
 * come from any thread: it takes the handle out of its poller's table, marks the descriptor
 * closed (the last call in flight closes it), and wakes both waiters.
 */
abstract class EpollHandle {
    final Fd fd;
    final Readiness readiness = new Readiness();
    private final Placement placement;
    private final int interest;
    /** The poller this handle is registered with, or null; guarded by {@code this} for writes. */
    private volatile EpollPoller poller;

    EpollHandle(int fd, Placement placement, int interest) {
        this.fd = new Fd(fd, this::descriptorClosed);
        this.placement = placement;
        this.interest = interest | Libc.EPOLLET;
    }

    /** Called once {@code close(2)} has run on the descriptor, by the thread that ran it. */
    void descriptorClosed() {
    }

    /** Called by the poller's thread with the reported events. */
    final void onEvents(int events) {
        readiness.onEvents(events);
    }

    /** Registers with the placement's poller if not yet registered. */
    final void ensureRegistered() throws IOException {
        if (poller != null) {
            return;
        }
        synchronized (this) {
            if (poller != null) {
                return;
            }
            if (fd.isClosed()) {
                throw new ClosedChannelException();
            }
            Reactor r = placement.reactor();
            if (!(r.poller() instanceof EpollPoller p)) {
                throw new IllegalStateException("an epoll socket cannot wait on a " + r.poller().getClass().getSimpleName()
                        + ": the runtime uses another transport");
            }
            p.register(this, fd.value, interest);
            poller = p;
            // A worker parked on its thread (nothing registered) must now park in epoll_wait.
            r.wakeIfParked();
        }
    }

    /** Stores the waker for a read event after {@code seq}; a close meanwhile wakes it. */
    final void awaitRead(Waker w, int seq) throws IOException {
        ensureRegistered();
        readiness.awaitRead(w, seq);
        if (fd.isClosed()) {
            readiness.wakeAll();
        }
    }

    /** Stores the waker for a write event after {@code seq}; a close meanwhile wakes it. */
    final void awaitWrite(Waker w, int seq) throws IOException {
        ensureRegistered();
        readiness.awaitWrite(w, seq);
        if (fd.isClosed()) {
            readiness.wakeAll();
        }
    }

    /** Sets a socket option on the descriptor (held open for the call). */
    final <T> void setSocketOption(java.net.SocketOption<T> option, T value) throws IOException {
        int fdv = fd.acquire();
        try {
            Sockets.setOption(fdv, option, value);
        } finally {
            fd.release();
        }
    }

    final boolean isClosed() {
        return fd.isClosed();
    }

    /** Closes (idempotent, any thread). */
    final void closeHandle() {
        EpollPoller p;
        synchronized (this) {
            p = poller;
            if (p != null) {
                p.forget(this, fd.value);
            }
            if (!fd.close()) {
                return;
            }
        }
        readiness.wakeAll();
    }
}
