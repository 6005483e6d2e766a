package dev.weft.runtime.net;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.internal.Placements;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.runtime.internal.transport.StreamIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/**
 * A connected TCP socket driven by readiness.
 *
 * <p>The poll methods first try the system call; only when the socket has nothing to give (or no
 * room to take) do they register the caller's waker with the reactor and return {@link #PENDING}.
 * Reading and writing have separate wakers, so one task may wait on both at once (a connection
 * task waiting for the next request while a large response drains). Each leaf poll consumes one
 * unit of the task's coop budget; when the budget is spent it wakes the task and returns
 * {@code PENDING} so a connection that is always readable still yields its worker.
 *
 * <pre>{@code
 * Async<Void> echo = cx -> {
 *     for (;;) {
 *         int n = stream.pollRead(cx, buf);
 *         if (n == TcpStream.PENDING) return Poll.pending();
 *         if (n < 0) { stream.close(); return Poll.ready(null); }
 *         ...
 *     }
 * };
 * }</pre>
 *
 * <p>Threading: a stream is polled by one task at a time (reads by one, writes by one; they may be
 * the same task). {@link #close()} and {@link #shutdownOutput()} may be called from any thread.
 * The stream registers (the first time a poll has to wait) with one worker's reactor, chosen
 * round-robin as Netty assigns channels to event loops; its readiness wakes the task onto that
 * worker's queue, which keeps a connection on one worker unless stolen.
 * I/O errors surface as {@link UncheckedIOException}. The socket belongs to the runtime's
 * transport (NIO, or epoll through the FFM API; see {@link dev.weft.runtime.AsyncRuntime#transport()}),
 * and behaves the same on each.
 */
public final class TcpStream implements AutoCloseable {
    /** Returned by the poll methods when the waker has been registered. */
    public static final int PENDING = -2;

    private final StreamIo io;
    private volatile boolean closed;

    TcpStream(StreamIo io) {
        this.io = io;
    }

    /** Connects to {@code addr}; the value completes once the connection is established. */
    public static Async<TcpStream> connect(InetSocketAddress addr) {
        return new Connect(addr);
    }

    /**
     * Reads into {@code dst}: the number of bytes read (&gt; 0), -1 at end of stream (or after
     * {@link #close()}), or {@link #PENDING} after registering the waker for read readiness.
     *
     * @throws IllegalArgumentException if {@code dst} has no room
     */
    public int pollRead(Context cx, ByteBuffer dst) {
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException("pollRead into a full buffer");
        }
        if (closed) {
            return -1;
        }
        if (!cx.tryConsumeBudget()) {
            cx.waker().wake();
            return PENDING;
        }
        try {
            return io.pollRead(cx.waker(), dst);
        } catch (ClosedChannelException e) {
            if (closed) {
                return -1;
            }
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Registers the task's waker for read readiness without reading: for a caller that knows the
     * socket is drained (its last read returned fewer bytes than it asked for), this saves the
     * read that would only return nothing. The waker is called when data, EOF or an error arrives,
     * at once if some is already there.
     */
    public void awaitReadable(Context cx) {
        if (closed) {
            cx.waker().wake();
            return;
        }
        try {
            io.awaitReadable(cx.waker());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gathering write: bytes written (&ge; 0; 0 only if the buffers were empty), or
     * {@link #PENDING} after registering the waker for write readiness.
     *
     * @throws UncheckedIOException on error, or if the stream is closed
     */
    public long pollWrite(Context cx, ByteBuffer[] srcs, int offset, int length) {
        if (!cx.tryConsumeBudget()) {
            cx.waker().wake();
            return PENDING;
        }
        try {
            return io.pollWrite(cx.waker(), srcs, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Single-buffer write: bytes written, or {@link #PENDING}. */
    public int pollWrite(Context cx, ByteBuffer src) {
        if (!cx.tryConsumeBudget()) {
            cx.waker().wake();
            return PENDING;
        }
        try {
            return io.pollWrite(cx.waker(), src);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends up to {@code count} bytes of {@code file} from {@code position} to the socket: the
     * number sent (&gt; 0; 0 only when {@code count} is 0), or {@link #PENDING} after registering
     * the waker for write readiness. On NIO this is {@link FileChannel#transferTo} (sendfile on
     * Linux, so the bytes never enter the heap); the epoll transport copies a bounded slice
     * through native memory. The socket is non-blocking, so a full send buffer gives a partial
     * count rather than a wait; the file's pages come from the page cache, and a read from disk is
     * the only wait left in it.
     *
     * @throws UncheckedIOException on error, or if the stream is closed
     */
    public long pollTransferFrom(Context cx, FileChannel file, long position, long count) {
        if (count == 0) {
            return 0;
        }
        if (!cx.tryConsumeBudget()) {
            cx.waker().wake();
            return PENDING;
        }
        try {
            return io.pollTransferFrom(cx.waker(), file, position, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads once: bytes read, or -1 at end of stream. */
    public Async<Integer> read(ByteBuffer dst) {
        return new Async<>() {
            @Override
            public Poll<Integer> poll(Context cx) {
                int n = pollRead(cx, dst);
                return n == PENDING ? Poll.pending() : Poll.ready(n);
            }

            @Override
            public void cancel() {
                io.clearReadWaker();
            }
        };
    }

    /** Writes every remaining byte of {@code srcs}, in order. */
    public Async<Void> writeAll(ByteBuffer... srcs) {
        return new Async<>() {
            int first;

            @Override
            public Poll<Void> poll(Context cx) {
                for (;;) {
                    while (first < srcs.length && !srcs[first].hasRemaining()) {
                        first++;
                    }
                    if (first == srcs.length) {
                        return Poll.ready(null);
                    }
                    long n = pollWrite(cx, srcs, first, srcs.length - first);
                    if (n == PENDING) {
                        return Poll.pending();
                    }
                }
            }

            @Override
            public void cancel() {
                io.clearWriteWaker();
            }
        };
    }

    /** Half-close: sends FIN; reads continue to work. */
    public void shutdownOutput() {
        try {
            io.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Disables Nagle's algorithm (TCP_NODELAY) when {@code on}. */
    public void setNoDelay(boolean on) {
        setOption(StandardSocketOptions.TCP_NODELAY, on);
    }

    /** Sets any socket option. */
    public <T> void setOption(SocketOption<T> option, T value) {
        try {
            io.setOption(option, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InetSocketAddress remoteAddress() {
        try {
            return io.remoteAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InetSocketAddress localAddress() {
        try {
            return io.localAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isOpen() {
        return !closed;
    }

    /**
     * Closes the socket (idempotent, any thread). A task waiting to read is woken and sees end of
     * stream; one waiting to write is woken and its next write fails.
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

    @Override
    public String toString() {
        return "TcpStream[" + io + "]";
    }

    /** Non-blocking connect on the runtime's transport: write readiness, then the connect's result. */
    private static final class Connect implements Async<TcpStream> {
        private final InetSocketAddress addr;
        private TcpStream stream;
        private boolean done;

        Connect(InetSocketAddress addr) {
            this.addr = addr;
        }

        @Override
        public Poll<TcpStream> poll(Context cx) {
            try {
                if (stream == null) {
                    stream = new TcpStream(RuntimeContext.currentOrThrow().transport().connect(addr, Placements.SPREAD));
                }
                if (stream.io.pollConnected(cx.waker())) {
                    done = true;
                    return Poll.ready(stream);
                }
                return Poll.pending();
            } catch (IOException e) {
                done = true;
                if (stream != null) {
                    stream.close();
                }
                throw new UncheckedIOException("connect " + addr + " failed", e);
            }
        }

        @Override
        public void cancel() {
            if (!done && stream != null) {
                stream.close();
            }
        }
    }
}
