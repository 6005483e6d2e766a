package dev.weft.runtime.internal.transport.epoll;

import dev.weft.runtime.Waker;
import dev.weft.runtime.internal.linux.Errno;
import dev.weft.runtime.internal.linux.DirectSend;
import dev.weft.runtime.internal.linux.Libc;
import dev.weft.runtime.internal.linux.Scratch;
import dev.weft.runtime.internal.linux.SockAddr;
import dev.weft.runtime.internal.linux.Sockets;
import dev.weft.runtime.internal.transport.Placement;
import dev.weft.runtime.internal.transport.StreamIo;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.FileChannel;

/**
 * A connected TCP socket on epoll. Reads and writes go straight between the caller's buffer and
 * the kernel: {@code read} and {@code send} take a direct buffer's memory or a heap buffer's
 * array in place (critical downcalls); a gathering write points an iovec at each direct buffer
 * and copies heap ones (whose address the kernel cannot keep) into the thread's bounded scratch.
 *
 * <p>Ownership: the read side ({@link #lastReadSeq}, {@link #lastReadFilled}) is touched only by
 * the task reading, handed between workers with that task; {@link #connecting} only by the task
 * connecting. The descriptor and readiness are shared and thread-safe (see {@link EpollHandle}).
 */
final class EpollStream extends EpollHandle implements StreamIo {
    private static final int INTEREST = Libc.EPOLLIN | Libc.EPOLLOUT | Libc.EPOLLRDHUP;

    /** The read sequence seen before the last read that returned, for {@link #awaitReadable}. */
    private int lastReadSeq;
    /** Whether the last read filled its buffer (so more may be waiting with no new edge to say so). */
    private boolean lastReadFilled;
    private boolean connecting;
    private volatile InetSocketAddress remote;
    private volatile InetSocketAddress local;

    EpollStream(int fd, Placement placement, InetSocketAddress remote) {
        super(fd, placement, INTEREST);
        this.remote = remote;
    }

    /** A new socket connecting to {@code address}; {@link #pollConnected} finishes it. */
    static EpollStream connect(InetSocketAddress address, Placement placement) throws IOException {
        int fd = Sockets.open(SockAddr.family(address), true);
        EpollStream stream = new EpollStream(fd, placement, null);
        Scratch s = Scratch.get();
        int len = SockAddr.write(address, s.addr);
        int r = Libc.connect(s.errno, fd, s.addr.address(), len);
        if (r < 0) {
            int errno = -r;
            if (errno != Errno.EINPROGRESS && errno != Errno.EINTR) {
                stream.close();
                throw Errno.exception(errno, "connect");
            }
            stream.connecting = true;
        }
        return stream;
    }

    @Override
    public boolean pollConnected(Waker waker) throws IOException {
        if (!connecting) {
            return true;
        }
        int seq = readiness.writeSeq();
        int fdv = fd.acquire();
        try {
            int error = Sockets.getInt(fdv, Libc.SOL_SOCKET, Libc.SO_ERROR);
            if (error != 0) {
                connecting = false;
                throw Errno.exception(error, "connect");
            }
            Scratch s = Scratch.get();
            s.addrLen.set(ValueLayout.JAVA_INT, 0, (int) s.addr.byteSize());
            int r = Libc.getpeername(s.errno, fdv, s.addr.address(), s.addrLen.address());
            if (r == 0) {
                connecting = false;
                remote = SockAddr.read(s.addr);
                return true;
            }
            if (r != -Errno.ENOTCONN) {
                throw Errno.exception(r, "connect");
            }
        } finally {
            fd.release();
        }
        awaitWrite(waker, seq);
        return false;
    }

    @Override
    public int pollRead(Waker waker, ByteBuffer dst) throws IOException {
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int seq = readiness.readSeq();
        int len = dst.remaining();
        long n;
        int fdv = fd.acquire();
        try {
            MemorySegment errno = Scratch.get().errno;
            MemorySegment into = MemorySegment.ofBuffer(dst);
            do {
                n = Libc.readCritical(errno, fdv, into, len);
            } while (n == -Errno.EINTR);
        } finally {
            fd.release();
        }
        if (n > 0) {
            dst.position(dst.position() + (int) n);
            lastReadSeq = seq;
            lastReadFilled = n == len;
            return (int) n;
        }
        if (n == 0) {
            return -1;
        }
        if (n == -Errno.EAGAIN) {
            lastReadSeq = seq;
            lastReadFilled = false;
            awaitRead(waker, seq);
            return PENDING;
        }
        throw Errno.exception((int) n, "read");
    }

    @Override
    public void awaitReadable(Waker waker) throws IOException {
        if (lastReadFilled) {
            // The last read may have left bytes behind, and no new edge will announce them.
            waker.wake();
            return;
        }
        awaitRead(waker, lastReadSeq);
    }

    @Override
    public int pollWrite(Waker waker, ByteBuffer src) throws IOException {
        int len = src.remaining();
        if (len == 0) {
            return 0;
        }
        int seq = readiness.writeSeq();
        long n = send(MemorySegment.ofBuffer(src), len);
        if (n >= 0) {
            src.position(src.position() + (int) n);
            return (int) n;
        }
        awaitWrite(waker, seq);
        return PENDING;
    }

    /** {@code send(2)} without waiting: bytes sent, or -1 for EAGAIN. */
    private long send(MemorySegment from, long len) throws IOException {
        int fdv = fd.acquire();
        try {
            return DirectSend.single(fdv, from, len);
        } finally {
            fd.release();
        }
    }

    @Override
    public long pollWrite(Waker waker, ByteBuffer[] srcs, int offset, int length) throws IOException {
        int first = -1;
        int nonEmpty = 0;
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                if (first < 0) {
                    first = i;
                }
                nonEmpty++;
            }
        }
        if (nonEmpty == 0) {
            return 0;
        }
        if (nonEmpty == 1) {
            return pollWrite(waker, srcs[first]);
        }
        int seq = readiness.writeSeq();
        long n = sendGathered(srcs, first, offset + length);
        if (n < 0) {
            awaitWrite(waker, seq);
            return PENDING;
        }
        DirectSend.advance(srcs, first, offset + length, n);
        return n;
    }

    /** One {@code sendmsg} over {@code srcs[from, to)}: bytes sent, or -1 for EAGAIN. */
    private long sendGathered(ByteBuffer[] srcs, int from, int to) throws IOException {
        int fdv = fd.acquire();
        try {
            return DirectSend.gathered(fdv, srcs, from, to);
        } finally {
            fd.release();
        }
    }

    @Override
    public long pollTransferFrom(Waker waker, FileChannel file, long position, long count) throws IOException {
        int seq = readiness.writeSeq();
        Scratch s = Scratch.get();
        ByteBuffer slice = s.copyBuffer();
        slice.limit((int) Math.min(count, Scratch.COPY_BYTES));
        int r = file.read(slice, position);
        if (r <= 0) {
            throw new IOException("the file ended at " + file.size() + " before the region to send did");
        }
        long n = send(s.copy(), r);
        if (n > 0) {
            return n;
        }
        awaitWrite(waker, seq);
        return PENDING;
    }

    @Override
    public void clearReadWaker() {
        readiness.clearReadWaker();
    }

    @Override
    public void clearWriteWaker() {
        readiness.clearWriteWaker();
    }

    @Override
    public void shutdownOutput() throws IOException {
        int fdv = fd.acquire();
        try {
            int r = Libc.shutdown(Scratch.get().errno, fdv, Libc.SHUT_WR);
            // As NIO: a peer that is already gone (ENOTCONN) is not an error here.
            if (r < 0 && r != -Errno.ENOTCONN) {
                throw Errno.exception(r, "shutdown");
            }
        } finally {
            fd.release();
        }
    }

    @Override
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        setSocketOption(option, value);
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        InetSocketAddress l = local;
        if (l == null) {
            int fdv = fd.acquire();
            try {
                l = Sockets.localAddress(fdv);
            } finally {
                fd.release();
            }
            local = l;
        }
        return l;
    }

    @Override
    public InetSocketAddress remoteAddress() throws IOException {
        InetSocketAddress r = remote;
        if (r == null) {
            int fdv = fd.acquire();
            try {
                r = Sockets.remoteAddress(fdv);
            } finally {
                fd.release();
            }
            remote = r;
        }
        return r;
    }

    @Override
    public void close() {
        closeHandle();
    }

    @Override
    public String toString() {
        return "epoll socket " + fd.value + (isClosed() ? " (closed)" : "");
    }
}
