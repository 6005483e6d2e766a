package dev.weft.runtime.internal.transport.epoll;

import dev.weft.runtime.Waker;
import dev.weft.runtime.internal.linux.Errno;
import dev.weft.runtime.internal.linux.Libc;
import dev.weft.runtime.internal.linux.Scratch;
import dev.weft.runtime.internal.linux.SockAddr;
import dev.weft.runtime.internal.linux.Sockets;
import dev.weft.runtime.internal.transport.ListenerIo;
import dev.weft.runtime.internal.transport.Placement;
import dev.weft.runtime.internal.transport.StreamIo;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.channels.ClosedChannelException;

/**
 * A listening socket on epoll: {@code accept4} (non-blocking, close-on-exec) until
 * {@code EAGAIN}, then an edge-triggered wait. Closing releases the kernel's socket as soon as no
 * {@code accept4} is using it (there is no selector to let go of it first, unlike NIO), which is
 * when {@link #pollReleased} turns true.
 */
final class EpollListener extends EpollHandle implements ListenerIo {
    private final InetSocketAddress local;
    private volatile boolean released;
    private volatile Waker releaseWaker;

    private EpollListener(int fd, Placement placement) throws IOException {
        super(fd, placement, Libc.EPOLLIN);
        this.local = Sockets.localAddress(fd);
    }

    static EpollListener bind(InetSocketAddress address, int backlog, boolean reusePort, Placement placement)
            throws IOException {
        int fd = Sockets.listen(address, backlog, reusePort, true);
        try {
            return new EpollListener(fd, placement);
        } catch (IOException | RuntimeException | Error e) {
            Sockets.close(fd); // no handle owns it yet
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public StreamIo pollAccept(Waker waker, Placement streamPlacement) throws IOException {
        for (;;) {
            int seq = readiness.readSeq();
            int fdv = fd.acquire();
            int r;
            Scratch s = Scratch.get();
            try {
                s.addrLen.set(ValueLayout.JAVA_INT, 0, (int) s.addr.byteSize());
                r = Libc.accept4(s.errno, fdv, s.addr.address(), s.addrLen.address(),
                        Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC);
            } finally {
                fd.release();
            }
            if (r >= 0) {
                InetSocketAddress remote;
                try {
                    remote = SockAddr.read(s.addr);
                } catch (IOException e) {
                    Sockets.close(r);
                    throw e;
                }
                return new EpollStream(r, streamPlacement, remote);
            }
            int errno = -r;
            switch (errno) {
                case Errno.EAGAIN -> {
                    awaitRead(waker, seq);
                    // A close between the accept and the wait must not leave us waiting.
                    if (isClosed()) {
                        throw new ClosedChannelException();
                    }
                    return null;
                }
                // A connection reset before we took it, or a signal: take the next one (as NIO does).
                case Errno.ECONNABORTED, Errno.EINTR -> {
                }
                default -> throw Errno.exception(errno, "accept");
            }
        }
    }

    @Override
    public void clearAcceptWaker() {
        readiness.clearReadWaker();
    }

    @Override
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        setSocketOption(option, value);
    }

    @Override
    public void close() {
        closeHandle();
    }

    @Override
    void descriptorClosed() {
        released = true;
        Waker w = releaseWaker;
        if (w != null) {
            w.wake();
        }
    }

    @Override
    public boolean pollReleased(Waker waker) {
        if (released) {
            return true;
        }
        releaseWaker = waker;
        return released;
    }
}
