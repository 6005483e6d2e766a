package dev.weft.runtime.internal.transport.epoll;

import dev.weft.runtime.Waker;
import dev.weft.runtime.internal.linux.Libc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A handle's read and write readiness under edge-triggered epoll, and the tasks waiting for it.
 *
 * <p>Why edge-triggered: the descriptor is added once with {@code EPOLLIN | EPOLLOUT |
 * EPOLLRDHUP | EPOLLET} and never touched again, so a connection costs one {@code epoll_ctl} in
 * its life. Level-triggered would need an {@code epoll_ctl} to turn write interest on and off (a
 * socket is almost always writable; a set bit spins the loop) and read interest off when a
 * reader stops (backpressure), which is the bookkeeping NIO pays for.
 *
 * <p>The lossless protocol: an edge is reported once, so a wait must not miss one that came
 * between the system call that said {@code EAGAIN} and the storing of the waker. Each direction
 * has a sequence number that the poller (the one writer) increments on every event for it before
 * it takes the waker. A task reads the sequence <em>before</em> its system call, stores its waker
 * after {@code EAGAIN}, then reads the sequence again: if it moved, an event came after the call
 * began and the task is woken at once (it tries again). Either the task sees the new sequence or
 * the poller sees the stored waker: both sides write then read volatile fields (Dekker).
 *
 * <p>End of stream, a reset and an error are also sticky flags, never cleared: they arrive in the
 * same edge as the bytes before them, so a read that returned those bytes (and so looked like it
 * drained the socket) would otherwise wait for an edge that never comes. Once a direction is
 * final, every wait on it returns at once, and the next call meets the end or the error.
 */
final class Readiness {
    private static final VarHandle READ_WAKER;
    private static final VarHandle WRITE_WAKER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            READ_WAKER = l.findVarHandle(Readiness.class, "readWaker", Waker.class);
            WRITE_WAKER = l.findVarHandle(Readiness.class, "writeWaker", Waker.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int READ_EVENTS = Libc.EPOLLIN | Libc.EPOLLRDHUP | Libc.EPOLLHUP | Libc.EPOLLERR;
    private static final int WRITE_EVENTS = Libc.EPOLLOUT | Libc.EPOLLHUP | Libc.EPOLLERR;

    /** Written only by the owning poller's thread; read by any. */
    private volatile int readSeq;
    private volatile int writeSeq;
    /** The peer closed or reset, or the socket failed: reads end. Set once, by the poller. */
    private volatile boolean readFinal;
    /** The socket hung up or failed: writes fail. Set once, by the poller. */
    private volatile boolean writeFinal;
    @SuppressWarnings("unused") // through READ_WAKER
    private volatile Waker readWaker;
    @SuppressWarnings("unused") // through WRITE_WAKER
    private volatile Waker writeWaker;

    /** The poller reports {@code events}: move the sequences, then wake. Owner thread only. */
    @SuppressWarnings("NonAtomicOperationOnVolatileField") // one writer: the poller's thread
    void onEvents(int events) {
        if ((events & (Libc.EPOLLRDHUP | Libc.EPOLLHUP | Libc.EPOLLERR)) != 0) {
            readFinal = true;
        }
        if ((events & (Libc.EPOLLHUP | Libc.EPOLLERR)) != 0) {
            writeFinal = true;
        }
        if ((events & READ_EVENTS) != 0) {
            readSeq++;
            wake(READ_WAKER);
        }
        if ((events & WRITE_EVENTS) != 0) {
            writeSeq++;
            wake(WRITE_WAKER);
        }
    }

    int readSeq() {
        return readSeq;
    }

    int writeSeq() {
        return writeSeq;
    }

    /** Waits for a read event after {@code seenSeq} (taken before the call that found nothing). */
    void awaitRead(Waker w, int seenSeq) {
        READ_WAKER.setVolatile(this, w);
        if (readSeq != seenSeq || readFinal) {
            wake(READ_WAKER);
        }
    }

    /** Waits for a write event after {@code seenSeq}. */
    void awaitWrite(Waker w, int seenSeq) {
        WRITE_WAKER.setVolatile(this, w);
        if (writeSeq != seenSeq || writeFinal) {
            wake(WRITE_WAKER);
        }
    }

    void clearReadWaker() {
        READ_WAKER.setVolatile(this, (Waker) null);
    }

    void clearWriteWaker() {
        WRITE_WAKER.setVolatile(this, (Waker) null);
    }

    /** Wakes both waiters (the handle closed). */
    void wakeAll() {
        wake(READ_WAKER);
        wake(WRITE_WAKER);
    }

    private void wake(VarHandle h) {
        Waker w = (Waker) h.getAndSet(this, (Waker) null);
        if (w != null) {
            w.wake();
        }
    }
}
