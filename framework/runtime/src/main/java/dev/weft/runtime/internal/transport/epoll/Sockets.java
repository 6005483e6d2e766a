package dev.weft.runtime.internal.transport.epoll;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Socket calls a stream and a listener share: creation, options, addresses. */
final class Sockets {
    private Sockets() {
    }

    /** A new non-blocking, close-on-exec TCP socket of {@code family}. */
    static int open(int family) throws IOException {
        Scratch s = Scratch.get();
        int fd;
        try {
            fd = (int) Libc.SOCKET.invokeExact(s.errno, family, Libc.SOCK_STREAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (fd < 0) {
            throw Errno.exception(s.errno(), "socket");
        }
        if (family == Libc.AF_INET6) {
            setInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_V6ONLY, 0); // dual stack, as NIO opens its sockets
        }
        return fd;
    }

    /** Closes a descriptor that no handle owns yet (a failed bind or connect). */
    static void closeUnowned(int fd) {
        try {
            int ignored = (int) Libc.CLOSE.invokeExact(Scratch.get().errno, fd);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static void setInt(int fd, int level, int name, int value) throws IOException {
        Scratch s = Scratch.get();
        s.value.set(ValueLayout.JAVA_INT, 0, value);
        setRaw(fd, level, name, s.value, 4);
    }

    private static void setRaw(int fd, int level, int name, MemorySegment value, int len) throws IOException {
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) Libc.SETSOCKOPT.invokeExact(s.errno, fd, level, name, value, len);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r < 0) {
            throw Errno.exception(s.errno(), "setsockopt");
        }
    }

    /** {@code getsockopt} of an int option. */
    static int getInt(int fd, int level, int name) throws IOException {
        Scratch s = Scratch.get();
        s.valueLen.set(ValueLayout.JAVA_INT, 0, 4);
        int r;
        try {
            r = (int) Libc.GETSOCKOPT.invokeExact(s.errno, fd, level, name, s.value, s.valueLen);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r < 0) {
            throw Errno.exception(s.errno(), "getsockopt");
        }
        return s.value.get(ValueLayout.JAVA_INT, 0);
    }

    /**
     * Sets one of the standard options NIO's socket channels support on Linux.
     *
     * @throws UnsupportedOperationException for any other, as NIO does
     */
    static <T> void setOption(int fd, SocketOption<T> option, T value) throws IOException {
        if (value == null) {
            throw new IllegalArgumentException("Invalid value 'null'");
        }
        if (option == StandardSocketOptions.TCP_NODELAY) {
            setInt(fd, Libc.IPPROTO_TCP, Libc.TCP_NODELAY, (Boolean) value ? 1 : 0);
        } else if (option == StandardSocketOptions.SO_KEEPALIVE) {
            setInt(fd, Libc.SOL_SOCKET, Libc.SO_KEEPALIVE, (Boolean) value ? 1 : 0);
        } else if (option == StandardSocketOptions.SO_REUSEADDR) {
            setInt(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, (Boolean) value ? 1 : 0);
        } else if (option == StandardSocketOptions.SO_REUSEPORT) {
            setInt(fd, Libc.SOL_SOCKET, Libc.SO_REUSEPORT, (Boolean) value ? 1 : 0);
        } else if (option == StandardSocketOptions.SO_SNDBUF) {
            setInt(fd, Libc.SOL_SOCKET, Libc.SO_SNDBUF, positive(option, (Integer) value));
        } else if (option == StandardSocketOptions.SO_RCVBUF) {
            setInt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, positive(option, (Integer) value));
        } else if (option == StandardSocketOptions.SO_LINGER) {
            // struct linger { int l_onoff; int l_linger; }: a negative value turns it off, as in NIO
            int seconds = (Integer) value;
            Scratch s = Scratch.get();
            s.value.set(ValueLayout.JAVA_INT, 0, seconds < 0 ? 0 : 1);
            s.value.set(ValueLayout.JAVA_INT, 4, seconds < 0 ? 0 : Math.min(seconds, 65535));
            setRaw(fd, Libc.SOL_SOCKET, Libc.SO_LINGER, s.value, 8);
        } else {
            throw new UnsupportedOperationException("'" + option + "' not supported");
        }
    }

    private static int positive(SocketOption<?> option, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Invalid send/receive buffer size " + value + " for " + option);
        }
        return value;
    }

    /** {@code getsockname}. */
    static InetSocketAddress localAddress(int fd) throws IOException {
        return address(fd, true);
    }

    /** {@code getpeername}. */
    static InetSocketAddress remoteAddress(int fd) throws IOException {
        return address(fd, false);
    }

    private static InetSocketAddress address(int fd, boolean local) throws IOException {
        Scratch s = Scratch.get();
        s.addrLen.set(ValueLayout.JAVA_INT, 0, (int) s.addr.byteSize());
        int r;
        try {
            r = local ? (int) Libc.GETSOCKNAME.invokeExact(s.errno, fd, s.addr, s.addrLen)
                    : (int) Libc.GETPEERNAME.invokeExact(s.errno, fd, s.addr, s.addrLen);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r < 0) {
            throw Errno.exception(s.errno(), local ? "getsockname" : "getpeername");
        }
        return SockAddr.read(s.addr);
    }
}
