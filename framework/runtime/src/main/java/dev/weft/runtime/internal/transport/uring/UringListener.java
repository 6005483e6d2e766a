package dev.weft.runtime.internal.transport.uring;

import dev.weft.runtime.Waker;
import dev.weft.runtime.internal.linux.Errno;
import dev.weft.runtime.internal.linux.Sockets;
import dev.weft.runtime.internal.transport.ListenerIo;
import dev.weft.runtime.internal.transport.Placement;
import dev.weft.runtime.internal.uring.Ring;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * A listening socket on the io_uring transport: one multishot accept, armed on the first accept
 * that waits, delivers every connection as a completion; they queue here until
 * {@link #pollAccept} takes them. At {@value #QUEUE_LIMIT} queued the accept is cancelled (the
 * kernel's backlog holds the rest, as with a readiness transport) and armed again once the queue
 * is taken from. A multishot the kernel ends (an overflowing CQ ends them) is armed again.
 *
 * <p>{@link #close} cancels the accept; the descriptor is closed when its last completion is
 * reaped, and only then is {@link #pollReleased} ready: a client connecting after that is refused.
 * Connections the accept took but nobody took from here are closed then (their clients see a
 * reset), so a draining server first {@linkplain #pollStopAccepting stops accepting}: the accept is
 * cancelled, what it took is still handed out, and clients arriving after that wait in the
 * kernel's queue, which the close hands to another listener of the port (SO_REUSEPORT with
 * {@code tcp_migrate_req}) instead of this one resetting them.
 */
final class UringListener extends UringHandle implements ListenerIo {
    static final int QUEUE_LIMIT = 256;
    private static final int ACCEPT = 1;
    private static final int CANCEL = 2;

    private final int fd;
    private final InetSocketAddress local;

    // ---- guarded by this ----
    private final ArrayDeque<Integer> accepted = new ArrayDeque<>();
    private Waker acceptWaker;
    private Waker releaseWaker;
    private Waker stopWaker;
    /** No more accepts are armed: {@link #pollStopAccepting} was called. */
    private boolean stopping;
    private boolean wantAccept;
    private boolean armed;
    private boolean cancelSubmitted;
    private int acceptError;
    private boolean closed;

    private UringListener(int fd, InetSocketAddress local, Placement placement) {
        super(placement);
        this.fd = fd;
        this.local = local;
    }

    static UringListener bind(InetSocketAddress address, int backlog, boolean reusePort, Placement placement)
            throws IOException {
        int fd = Sockets.listen(address, backlog, reusePort, false);
        try {
            return new UringListener(fd, Sockets.localAddress(fd), placement);
        } catch (IOException | RuntimeException e) {
            Sockets.close(fd);
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * The next accepted connection whose peer is still there. Its address is looked up now, as
     * NIO's accept returns it: a client that reset before it was taken has no address any more
     * ({@code ENOTCONN}) and nobody to serve, so its socket is closed and the next one is taken.
     */
    @Override
    public UringStream pollAccept(Waker waker, Placement placement) throws IOException {
        for (;;) {
            Integer conn = take(waker);
            if (conn == null) {
                return null;
            }
            InetSocketAddress remote;
            try {
                remote = Sockets.remoteAddress(conn);
            } catch (IOException gone) {
                Sockets.close(conn);
                continue;
            }
            return new UringStream(conn, placement, remote);
        }
    }

    /** A queued descriptor, or null after storing the waker (and asking for the accept if needed). */
    private Integer take(Waker waker) throws IOException {
        Integer conn;
        boolean ask = false;
        poller();
        synchronized (this) {
            if (closed) {
                throw new ClosedChannelException();
            }
            conn = accepted.poll();
            if (conn == null) {
                if (acceptError != 0) {
                    int e = acceptError;
                    acceptError = 0;
                    throw Errno.exception(e, "accept");
                }
                acceptWaker = waker;
            }
            if (!armed && !wantAccept && !stopping && accepted.size() < QUEUE_LIMIT) {
                wantAccept = true;
                ask = true;
            }
        }
        if (ask) {
            schedule();
        }
        return conn;
    }

    @Override
    public boolean pollStopAccepting(Waker waker) {
        boolean ask;
        synchronized (this) {
            if (closed) {
                return true;
            }
            stopping = true;
            wantAccept = false;
            if (!armed) {
                return true;
            }
            stopWaker = waker;
            ask = !cancelSubmitted;
        }
        if (ask) {
            schedule(); // the owner cancels the accept at its next turn
        }
        return false;
    }

    @Override
    public synchronized void clearAcceptWaker() {
        acceptWaker = null;
    }

    @Override
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        Sockets.setOption(fd, option, value);
    }

    @Override
    public void close() throws IOException {
        Waker w;
        Waker r = null;
        boolean direct;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            w = acceptWaker;
            acceptWaker = null;
            r = stopWaker; // a closed listener has stopped accepting
            stopWaker = null;
            direct = registeredPoller() == null;
            if (direct) {
                released = true;
            }
        }
        wake(w);
        wake(r);
        if (direct) {
            Sockets.close(fd);
        } else {
            schedule();
        }
    }

    @Override
    public synchronized boolean pollReleased(Waker waker) {
        if (released) {
            return true;
        }
        releaseWaker = waker;
        return false;
    }

    // ---- the owner's side ----

    @Override
    synchronized void service(UringPoller p, Ring ring) {
        if (released) {
            return;
        }
        boolean full = accepted.size() >= QUEUE_LIMIT;
        if (armed && (closed || full || stopping) && !cancelSubmitted) {
            ring.cancel(userData(ACCEPT), userData(CANCEL));
            ops++;
            cancelSubmitted = true;
        } else if (!closed && !stopping && !armed && wantAccept && !full) {
            ring.accept(fd, true, userData(ACCEPT));
            ops++;
            armed = true;
            wantAccept = false;
            cancelSubmitted = false;
        }
    }

    @Override
    void complete(UringPoller p, int op, int res, int flags) {
        Waker w = null;
        Waker stopped = null;
        boolean again = false;
        synchronized (this) {
            if (op != ACCEPT) {
                return;
            }
            boolean more = (flags & 2) != 0; // IORING_CQE_F_MORE
            if (!more) {
                armed = false;
            }
            if (res >= 0) {
                if (closed) {
                    Sockets.close(res);
                } else {
                    accepted.add(res);
                    again = accepted.size() >= QUEUE_LIMIT && armed;
                }
            } else if (res != -Errno.ECANCELED) {
                acceptError = -res;
            }
            if (!armed && !closed && !stopping && accepted.size() < QUEUE_LIMIT) {
                // Ended by the kernel (overflow, an error): armed again at the next turn.
                wantAccept = true;
                again = true;
            }
            w = acceptWaker;
            acceptWaker = null;
            if (!armed && stopWaker != null) {
                // The accept's last completion: nothing more comes here but through pollAccept.
                stopped = stopWaker;
                stopWaker = null;
            }
        }
        wake(w);
        wake(stopped);
        if (again) {
            scheduleFromOwner(p);
        }
    }

    @Override
    synchronized boolean releasable() {
        return closed && !released && ops == 0;
    }

    @Override
    void release(UringPoller p) {
        Waker w;
        synchronized (this) {
            for (Integer c; (c = accepted.poll()) != null; ) {
                Sockets.close(c);
            }
            Sockets.close(fd);
            released = true;
            w = releaseWaker;
            releaseWaker = null;
        }
        wake(w);
    }

    @Override
    void abandon() {
        Waker w;
        Waker a;
        Waker s;
        synchronized (this) {
            if (released) {
                return;
            }
            closed = true;
            for (Integer c; (c = accepted.poll()) != null; ) {
                Sockets.close(c);
            }
            Sockets.close(fd);
            released = true;
            w = releaseWaker;
            a = acceptWaker;
            s = stopWaker;
            releaseWaker = null;
            acceptWaker = null;
            stopWaker = null;
        }
        wake(w);
        wake(a);
        wake(s);
    }

    /** For tests: accepted connections not yet taken. */
    synchronized int queued() {
        return accepted.size();
    }

    @Override
    public String toString() {
        return "UringListener[fd=" + fd + ", " + local + "]";
    }
}
