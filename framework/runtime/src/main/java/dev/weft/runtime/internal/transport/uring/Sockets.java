package dev.weft.runtime.internal.transport.uring;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.weft.runtime.internal.uring.Errno;
import dev.weft.runtime.internal.uring.Libc;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * Sockets by descriptor through libc: {@code sockaddr} encoding, the options the runtime sets,
 * addresses, and errno values as the {@link IOException}s NIO would throw for them.
 */
final class Sockets {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM_CLOEXEC = 1 | 0x80000;
    static final int SOCKADDR_MAX = 28;
    private static final int SOL_SOCKET = 1;
    private static final int IPPROTO_TCP = 6;
    private static final int ECONNREFUSED = 111;
    private static final int EADDRINUSE = 98;
    private static final int EADDRNOTAVAIL = 99;
    private static final int ENOTCONN = 107;

    private Sockets() {
    }

    /** Writes {@code address} as a {@code sockaddr_in} or {@code sockaddr_in6}; returns its length. */
    static int encode(InetSocketAddress address, MemorySegment out) throws IOException {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new UnknownHostException(address.getHostString());
        }
        out.asSlice(0, SOCKADDR_MAX).fill((byte) 0);
        short port = (short) address.getPort();
        if (ip instanceof Inet4Address) {
            out.set(JAVA_SHORT, 0, (short) AF_INET);
            out.set(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2, port);
            MemorySegment.copy(ip.getAddress(), 0, out, JAVA_BYTE, 4, 4);
            return 16;
        }
        out.set(JAVA_SHORT, 0, (short) AF_INET6);
        out.set(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2, port);
        MemorySegment.copy(ip.getAddress(), 0, out, JAVA_BYTE, 8, 16);
        out.set(JAVA_INT, 24, ((Inet6Address) ip).getScopeId());
        return 28;
    }

    static int family(InetSocketAddress address) {
        return address.getAddress() instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    static InetSocketAddress decode(MemorySegment in) throws IOException {
        int family = in.get(JAVA_SHORT, 0);
        int port = Short.toUnsignedInt(in.get(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2));
        byte[] ip;
        if (family == AF_INET) {
            ip = in.asSlice(4, 4).toArray(JAVA_BYTE);
        } else if (family == AF_INET6) {
            ip = in.asSlice(8, 16).toArray(JAVA_BYTE);
        } else {
            throw new IOException("address family " + family);
        }
        return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    }

    static InetSocketAddress localAddress(int fd) throws IOException {
        return name(fd, true);
    }

    static InetSocketAddress remoteAddress(int fd) throws IOException {
        return name(fd, false);
    }

    private static InetSocketAddress name(int fd, boolean local) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(a);
            MemorySegment addr = a.allocate(SOCKADDR_MAX, 8);
            MemorySegment len = a.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, SOCKADDR_MAX);
            int r = local ? Libc.getsockname(errno, fd, addr.address(), len.address())
                    : Libc.getpeername(errno, fd, addr.address(), len.address());
            if (r < 0) {
                throw error(local ? "getsockname" : "getpeername", r);
            }
            return decode(addr);
        }
    }

    static <T> void setOption(int fd, SocketOption<T> option, T value) throws IOException {
        int level = SOL_SOCKET;
        int name;
        int v;
        if (option == StandardSocketOptions.TCP_NODELAY) {
            level = IPPROTO_TCP;
            name = 1;
            v = (Boolean) value ? 1 : 0;
        } else if (option == StandardSocketOptions.SO_KEEPALIVE) {
            name = 9;
            v = (Boolean) value ? 1 : 0;
        } else if (option == StandardSocketOptions.SO_REUSEADDR) {
            name = 2;
            v = (Boolean) value ? 1 : 0;
        } else if (option == StandardSocketOptions.SO_REUSEPORT) {
            name = 15;
            v = (Boolean) value ? 1 : 0;
        } else if (option == StandardSocketOptions.SO_RCVBUF) {
            name = 8;
            v = (Integer) value;
        } else if (option == StandardSocketOptions.SO_SNDBUF) {
            name = 7;
            v = (Integer) value;
        } else if (option == StandardSocketOptions.SO_LINGER) {
            setLinger(fd, (Integer) value);
            return;
        } else {
            throw new UnsupportedOperationException("'" + option + "' is not supported by the io_uring transport");
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment val = a.allocate(JAVA_INT);
            val.set(JAVA_INT, 0, v);
            int r = Libc.setsockopt(Libc.errnoSegment(a), fd, level, name, val.address(), 4);
            if (r < 0) {
                throw error("setsockopt " + option, r);
            }
        }
    }

    private static void setLinger(int fd, int seconds) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment val = a.allocate(8, 4);
            val.set(JAVA_INT, 0, seconds < 0 ? 0 : 1);
            val.set(JAVA_INT, 4, Math.max(0, seconds));
            int r = Libc.setsockopt(Libc.errnoSegment(a), fd, SOL_SOCKET, 13, val.address(), 8);
            if (r < 0) {
                throw error("setsockopt SO_LINGER", r);
            }
        }
    }

    /** A new TCP socket (close-on-exec, blocking: io_uring polls it itself). */
    static int socket(int family) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            int fd = Libc.socket(Libc.errnoSegment(a), family, SOCK_STREAM_CLOEXEC, 0);
            if (fd < 0) {
                throw error("socket", fd);
            }
            return fd;
        }
    }

    static void close(MemorySegment errno, int fd) {
        Libc.close(errno, fd);
    }

    static void close(int fd) {
        try (Arena a = Arena.ofConfined()) {
            Libc.close(Libc.errnoSegment(a), fd);
        }
    }

    /**
     * The exception NIO's write gives for {@code errno}: its messages are the C library's
     * ({@code "Connection reset by peer"}), unlike its read's {@code "Connection reset"}.
     */
    static IOException sendError(int errno) {
        return Math.abs(errno) == Errno.ECONNRESET ? new IOException("Connection reset by peer") : error("send", errno);
    }

    /** The exception NIO gives for {@code errno} (a result, so negative or positive alike). */
    static IOException error(String op, int errno) {
        int e = Math.abs(errno);
        return switch (e) {
            case Errno.ECONNRESET -> new SocketException("Connection reset");
            case Errno.EPIPE -> new IOException("Broken pipe");
            case ECONNREFUSED -> new ConnectException("Connection refused");
            case EADDRINUSE -> new BindException("Address already in use");
            case EADDRNOTAVAIL -> new BindException("Cannot assign requested address");
            case ENOTCONN -> new SocketException("Socket is not connected");
            default -> new IOException(op + " failed: " + Errno.name(e));
        };
    }
}
