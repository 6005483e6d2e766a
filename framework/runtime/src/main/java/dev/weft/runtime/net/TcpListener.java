package dev.weft.runtime.net;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.internal.Placements;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.runtime.internal.RuntimeCore;
import dev.weft.runtime.internal.transport.ListenerIo;
import dev.weft.runtime.internal.transport.StreamIo;
import dev.weft.runtime.internal.transport.Transport;
import dev.weft.runtime.internal.transport.Transports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.util.Objects;

/**
 * A listening TCP socket whose accepts are readiness-driven by the runtime's reactor.
 *
 * <pre>{@code
 * TcpListener listener = TcpListener.bind(new InetSocketAddress("0.0.0.0", 8080), 1024);
 * Async<Void> acceptLoop = cx -> {
 *     TcpStream s;
 *     while ((s = listener.pollAccept(cx)) != null) AsyncRuntime.spawnHere(serve(s));
 *     return Poll.pending();          // waker registered by pollAccept
 * };
 * }</pre>
 *
 * <p>The listener registers with the reactor lazily, on the first accept poll that has to wait,
 * with the driver of the worker doing that poll (a worker's own poller; see {@link TcpStream}).
 * Accepted streams are spread round-robin over the workers' drivers (see {@link TcpStream}). One
 * task accepts at a time. I/O failures surface as {@link UncheckedIOException}.
 *
 * <p>A listener belongs to one transport, and is accepted on by a runtime of that transport:
 * {@link #bind(AsyncRuntime, InetSocketAddress, int, boolean)} binds with the given runtime's; the
 * other {@code bind} methods with the calling thread's runtime's, or outside a runtime with the
 * default one (the {@code weft.transport} system property, else auto's: NIO for now).
 */
public final class TcpListener implements AutoCloseable {
    private final ListenerIo io;
    private volatile boolean closed;

    private TcpListener(ListenerIo io) {
        this.io = io;
    }

    /** Binds with SO_REUSEADDR on. Synchronous; fine to call from a task (it does not block). */
    public static TcpListener bind(InetSocketAddress addr, int backlog) {
        return bind(addr, backlog, false);
    }

    /**
     * Binds with SO_REUSEADDR on and, if {@code reusePort} and the platform supports it,
     * SO_REUSEPORT (several listeners on one port, the kernel spreading connections among them),
     * on the calling thread's runtime's transport (outside a runtime: the default transport).
     */
    public static TcpListener bind(InetSocketAddress addr, int backlog, boolean reusePort) {
        RuntimeCore current = RuntimeContext.current();
        Transport t = current != null ? current.transport() : Transports.select(Transports.defaultChoice()).transport();
        return bind(t, addr, backlog, reusePort);
    }

    /**
     * Binds like {@link #bind(InetSocketAddress, int, boolean)} on {@code runtime}'s transport, for
     * a listener that {@code runtime}'s tasks will accept on.
     *
     * <pre>{@code
     * TcpListener l = TcpListener.bind(runtime, new InetSocketAddress("0.0.0.0", 8080), 1024, false);
     * }</pre>
     */
    public static TcpListener bind(AsyncRuntime runtime, InetSocketAddress addr, int backlog, boolean reusePort) {
        Objects.requireNonNull(runtime, "runtime");
        return bind(Transports.byName(runtime.transport()), addr, backlog, reusePort);
    }

    private static TcpListener bind(Transport transport, InetSocketAddress addr, int backlog, boolean reusePort) {
        try {
            return new TcpListener(transport.bind(addr, backlog, reusePort, Placements.LOCAL));
        } catch (IOException e) {
            throw new UncheckedIOException("bind " + addr + " failed", e);
        }
    }

    /** Whether this platform supports SO_REUSEPORT on listening sockets. */
    public static boolean reusePortSupported() {
        return Transports.select(Transports.defaultChoice()).transport().reusePortSupported();
    }

    /** The bound address (with the actual port when bound to port 0). */
    public InetSocketAddress localAddress() {
        return io.localAddress();
    }

    /** Sets a socket option on the listening socket. */
    public <T> TcpListener setOption(SocketOption<T> option, T value) {
        try {
            io.setOption(option, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Accepts one pending connection, or returns null after registering {@code cx}'s waker for
     * accept readiness. Allocation-free when nothing is pending.
     *
     * @throws UncheckedIOException on an accept error, or if the listener is closed
     */
    public TcpStream pollAccept(Context cx) {
        if (closed) {
            throw new UncheckedIOException(new java.nio.channels.ClosedChannelException());
        }
        try {
            StreamIo s = io.pollAccept(cx.waker(), Placements.SPREAD);
            return s == null ? null : new TcpStream(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the next connection. */
    public Async<TcpStream> accept() {
        return new Async<>() {
            @Override
            public Poll<TcpStream> poll(Context cx) {
                TcpStream s = pollAccept(cx);
                return s == null ? Poll.pending() : Poll.ready(s);
            }

            @Override
            public void cancel() {
                io.clearAcceptWaker();
            }
        };
    }

    public boolean isOpen() {
        return !closed;
    }

    /**
     * Closes the listener; a pending accept wakes and fails. Idempotent. The kernel may go on
     * completing handshakes for a moment (until the worker that watched the socket lets go of
     * it): {@link #pollClosed} says when no client can connect any more.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            io.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops accepting ahead before a {@link #close()} that should not reset anyone: ready once
     * every connection this listener has taken from the kernel's queue can be had from
     * {@link #pollAccept} (which then returns them, and null once they are taken, without taking
     * more), so that those still in the kernel's queue stay there at the close, for another
     * process's listener on the same port (SO_REUSEPORT) or for the kernel to refuse. On the
     * io_uring transport this cancels the multishot accept, which takes connections as they come;
     * on NIO and epoll, which accept only when asked, it is ready at once. Ready on a closed
     * listener.
     *
     * <pre>{@code
     * // a draining server's acceptor
     * if (!listener.pollStopAccepting(cx).isReady()) return Poll.pending();
     * for (TcpStream s; (s = listener.pollAccept(cx)) != null; ) serve(s);
     * listener.close();
     * }</pre>
     */
    public Poll<Void> pollStopAccepting(Context cx) {
        if (closed) {
            return Poll.ready(null);
        }
        return io.pollStopAccepting(cx.waker()) ? Poll.ready(null) : Poll.pending();
    }

    /**
     * After {@link #close()}: ready once the listening socket is really closed, so that a client
     * connecting now is refused rather than accepted by the kernel and then reset. On NIO a
     * channel registered with a selector is only marked closed until that selector's next select;
     * on epoll the socket is closed once no accept call is using it.
     *
     * @throws IllegalStateException if the listener is not closed
     */
    public Poll<Void> pollClosed(Context cx) {
        if (!closed) {
            throw new IllegalStateException("the listener is open");
        }
        return io.pollReleased(cx.waker()) ? Poll.ready(null) : Poll.pending();
    }
}
