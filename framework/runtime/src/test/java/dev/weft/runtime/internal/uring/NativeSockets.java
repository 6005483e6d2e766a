package dev.weft.runtime.internal.uring;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.weft.runtime.internal.linux.Errno;
import dev.weft.runtime.internal.linux.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/** Test help: listening sockets and options through libc, for fds the ring can use. */
final class NativeSockets {
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    private static final int AF_INET = 2;

    private NativeSockets() {
    }

    /** A socket listening on 127.0.0.1 at a free port. */
    static int listenLoopback(int backlog) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(a);
            int fd = check(Libc.socket(errno, AF_INET, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0), "socket");
            MemorySegment addr = a.allocate(16, 4);
            addr.fill((byte) 0);
            addr.set(JAVA_SHORT, 0, (short) AF_INET);
            addr.set(JAVA_BYTE, 4, (byte) 127);
            addr.set(JAVA_BYTE, 7, (byte) 1);
            check(Libc.bind(errno, fd, addr.address(), 16), "bind");
            check(Libc.listen(errno, fd, backlog), "listen");
            return fd;
        }
    }

    static int port(int fd) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(a);
            MemorySegment addr = a.allocate(16, 4);
            MemorySegment len = a.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, 16);
            check(Libc.getsockname(errno, fd, addr.address(), len.address()), "getsockname");
            short be = addr.get(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2);
            return Short.toUnsignedInt(be);
        }
    }

    static void setIntOption(int fd, int level, int name, int value) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(a);
            MemorySegment v = a.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            check(Libc.setsockopt(errno, fd, level, name, v.address(), 4), "setsockopt");
        }
    }

    static void close(int fd) {
        try (Arena a = Arena.ofConfined()) {
            check(Libc.close(Libc.errnoSegment(a), fd), "close");
        }
    }

    static int check(long r, String what) {
        if (r < 0) {
            throw new AssertionError(what + " failed: " + Errno.name((int) r));
        }
        return (int) r;
    }
}
