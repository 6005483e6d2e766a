package dev.weft.runtime.internal.transport.epoll;

import dev.weft.runtime.internal.linux.Sockets;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file descriptor that is never closed under a system call using it. Descriptor numbers are
 * reused at once, so closing a socket while another thread is inside {@code read} on it could
 * make that read land on the next connection's socket. Every call therefore {@link #acquire}s
 * the descriptor and {@link #release}s it after; {@link #close} only marks it, and whoever drops
 * the last use (the closer, or the last call in flight) calls {@code close(2)}.
 *
 * <p>State: bit 0 is "closed", the rest counts the calls in flight (in units of 2).
 */
final class Fd {
    private static final int CLOSED = 1;
    private static final int USE = 2;

    final int value;
    private final AtomicInteger state = new AtomicInteger();
    /** Run once, after {@code close(2)} (a listener's "released"). */
    private final Runnable onClosed;

    Fd(int value, Runnable onClosed) {
        this.value = value;
        this.onClosed = onClosed;
    }

    /** The descriptor, held open until {@link #release()}. */
    int acquire() throws ClosedChannelException {
        for (;;) {
            int s = state.get();
            if ((s & CLOSED) != 0) {
                throw new ClosedChannelException();
            }
            if (state.compareAndSet(s, s + USE)) {
                return value;
            }
        }
    }

    void release() {
        if (state.addAndGet(-USE) == CLOSED) {
            closeNow();
        }
    }

    boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /** Marks the descriptor closed; closes it now if no call is using it. False if it was already closed. */
    boolean close() {
        for (;;) {
            int s = state.get();
            if ((s & CLOSED) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s | CLOSED)) {
                if (s == 0) {
                    closeNow();
                }
                return true;
            }
        }
    }

    private void closeNow() {
        try {
            // close(2) releases the descriptor even when it reports an error (EINTR included):
            // never retried, or another thread's new descriptor could be closed.
            Sockets.close(value);
        } finally {
            if (onClosed != null) {
                onClosed.run();
            }
        }
    }
}
