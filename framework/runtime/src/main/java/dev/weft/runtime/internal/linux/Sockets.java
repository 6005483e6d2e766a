package dev.weft.runtime.internal.linux;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;

/**
 * Socket calls both transports make by descriptor: creation, options, addresses, close. Each
 * uses the calling thread's {@link Scratch} for its arguments, so none allocates native memory.
 */
public final class Sockets {
    private Sockets() {
    }

    /**
     * A new close-on-exec TCP socket of {@code family} ({@code SOCK_NONBLOCK} too if
     * {@code nonBlocking}); an IPv6 one is dual-stack, as NIO opens its sockets.
     */
    public static int open(int family, boolean nonBlocking) throws IOException {
        Scratch s = Scratch.get();
        int type = Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC | (nonBlocking ? Libc.SOCK_NONBLOCK : 0);
        int fd = Libc.socket(s.errno, family, type, 0);
        if (fd < 0) {
            throw Errno.exception(fd, "socket");
        }
        if (family == Libc.AF_INET6) {
            try {
                setInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_V6ONLY, 0);
            } catch (IOException e) {
                close(fd);
                throw e;
            }
        }
        return fd;
    }

    /**
     * A new TCP socket for {@code address}, bound to it with {@code SO_REUSEADDR} (and
     * {@code SO_REUSEPORT} if asked) and listening; closed again if any step fails.
     *
     * @param backlog as {@code ServerSocketChannel.bind}'s: below 1 means the default of 50
     */
    public static int listen(InetSocketAddress address, int backlog, boolean reusePort, boolean nonBlocking)
            throws IOException {
        int fd = open(SockAddr.family(address), nonBlocking);
        try {
            setInt(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1);
            if (reusePort) {
                setInt(fd, Libc.SOL_SOCKET, Libc.SO_REUSEPORT, 1);
            }
            Scratch s = Scratch.get();
            int len = SockAddr.write(address, s.addr);
            int r = Libc.bind(s.errno, fd, s.addr.address(), len);
            if (r < 0) {
                throw Errno.exception(r, "bind");
            }
            r = Libc.listen(s.errno, fd, backlog < 1 ? 50 : backlog);
            if (r < 0) {
                throw Errno.exception(r, "listen");
            }
            return fd;
        } catch (IOException | RuntimeException | Error e) {
            close(fd);
            throw e;
        }
    }

    /** Closes {@code fd}, ignoring the result ({@code close(2)} releases it even when it reports an error). */
    public static void close(int fd) {
        Libc.close(Scratch.get().errno, fd);
    }

    public static void setInt(int fd, int level, int name, int value) throws IOException {
        Scratch s = Scratch.get();
        s.value.set(ValueLayout.JAVA_INT, 0, value);
        setRaw(s, fd, level, name, 4);
    }

    private static void setRaw(Scratch s, int fd, int level, int name, int len) throws IOException {
        int r = Libc.setsockopt(s.errno, fd, level, name, s.value.address(), len);
        if (r < 0) {
            throw Errno.exception(r, "setsockopt");
        }
    }

    /** {@code getsockopt} of an int option. */
    public static int getInt(int fd, int level, int name) throws IOException {
        Scratch s = Scratch.get();
        s.valueLen.set(ValueLayout.JAVA_INT, 0, 4);
        int r = Libc.getsockopt(s.errno, fd, level, name, s.value.address(), s.valueLen.address());
        if (r < 0) {
            throw Errno.exception(r, "getsockopt");
        }
        return s.value.get(ValueLayout.JAVA_INT, 0);
    }

    /**
     * Sets one of the standard options NIO's socket channels support on Linux.
     *
     * @throws UnsupportedOperationException for any other, as NIO does
     * @throws IllegalArgumentException for a null value or a negative buffer size, as NIO does
     */
    public static <T> void setOption(int fd, SocketOption<T> option, T value) throws IOException {
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
            setRaw(s, fd, Libc.SOL_SOCKET, Libc.SO_LINGER, 8);
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
    public static InetSocketAddress localAddress(int fd) throws IOException {
        return address(fd, true);
    }

    /** {@code getpeername}. */
    public static InetSocketAddress remoteAddress(int fd) throws IOException {
        return address(fd, false);
    }

    private static InetSocketAddress address(int fd, boolean local) throws IOException {
        Scratch s = Scratch.get();
        s.addrLen.set(ValueLayout.JAVA_INT, 0, (int) s.addr.byteSize());
        int r = local ? Libc.getsockname(s.errno, fd, s.addr.address(), s.addrLen.address())
                : Libc.getpeername(s.errno, fd, s.addr.address(), s.addrLen.address());
        if (r < 0) {
            throw Errno.exception(r, local ? "getsockname" : "getpeername");
        }
        return SockAddr.read(s.addr);
    }
}
