package dev.weft.runtime.net;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.internal.IoSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

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
 * <p>The listener registers with the reactor lazily, on the first accept poll, with the driver
 * of the worker doing that poll (a worker's own selector; see {@link TcpStream}). Accepted
 * streams are spread round-robin over the workers' drivers (see {@link TcpStream}). One task accepts at a
 * time. I/O failures surface as {@link UncheckedIOException}.
 */
public final class TcpListener implements AutoCloseable {
    private final ServerSocketChannel channel;
    private final InetSocketAddress local;
    private volatile IoSource source;
    private volatile boolean closed;

    private TcpListener(ServerSocketChannel channel) throws IOException {
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    /** Binds with SO_REUSEADDR on. Synchronous; fine to call from a task (it does not block). */
    public static TcpListener bind(InetSocketAddress addr, int backlog) {
        return bind(addr, backlog, false);
    }

    /**
     * Binds with SO_REUSEADDR on and, if {@code reusePort} and the platform supports it,
     * SO_REUSEPORT (several listeners on one port, the kernel spreading connections among them).
     */
    public static TcpListener bind(InetSocketAddress addr, int backlog, boolean reusePort) {
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open();
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (reusePort && ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            ch.configureBlocking(false);
            ch.bind(addr, backlog);
            return new TcpListener(ch);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new UncheckedIOException("bind " + addr + " failed", e);
        }
    }

    /** Whether this platform supports SO_REUSEPORT on listening sockets. */
    public static boolean reusePortSupported() {
        try (ServerSocketChannel ch = ServerSocketChannel.open()) {
            return ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }

    /** The bound address (with the actual port when bound to port 0). */
    public InetSocketAddress localAddress() {
        return local;
    }

    /** Sets a socket option on the listening socket. */
    public <T> TcpListener setOption(SocketOption<T> option, T value) {
        try {
            channel.setOption(option, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private IoSource source() throws IOException {
        IoSource s = source;
        if (s == null) {
            synchronized (this) {
                s = source;
                if (s == null) {
                    s = IoSource.register(channel);
                    source = s;
                }
            }
        }
        return s;
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
            IoSource s = source();
            SocketChannel sc = channel.accept();
            if (sc != null) {
                return new TcpStream(sc);
            }
            s.awaitReadable(cx.waker(), SelectionKey.OP_ACCEPT);
            // A close between the check above and the registration must not leave us waiting.
            if (closed) {
                throw new UncheckedIOException(new java.nio.channels.ClosedChannelException());
            }
            return null;
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
                IoSource s = source;
                if (s != null) {
                    s.clearReadWaker();
                }
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
            IoSource s;
            synchronized (this) {
                s = source;
            }
            if (s != null) {
                s.closeAndRelease();
            } else {
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * After {@link #close()}: ready once the listening socket is really closed, so that a client
     * connecting now is refused rather than accepted by the kernel and then reset. A channel
     * registered with a selector is only marked closed until that selector's next select.
     *
     * @throws IllegalStateException if the listener is not closed
     */
    public Poll<Void> pollClosed(Context cx) {
        if (!closed) {
            throw new IllegalStateException("the listener is open");
        }
        IoSource s;
        synchronized (this) {
            s = source;
        }
        return s == null || s.pollReleased(cx.waker()) ? Poll.ready(null) : Poll.pending();
    }
}
