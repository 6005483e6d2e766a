package dev.weft.runtime.internal.uring;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library calls the ring needs, bound through the {@link Linker}. Every call returns what
 * the kernel does: the result when it is not negative, {@code -errno} when it failed (the C
 * library's {@code errno} is captured with {@link Linker.Option#captureCallState}, so nothing
 * else the thread does can overwrite it). Pointers travel as {@code long} addresses.
 *
 * <p>The io_uring calls go through {@code syscall(2)}, which is variadic: its descriptor marks
 * the first variadic argument and passes every argument as a 64-bit value, as {@code syscall}
 * reads them. Their numbers (425, 426, 427) are the same on x86-64 and arm64.
 *
 * <p>Each call takes an errno segment ({@link #errnoSegment}) so that a hot caller (the ring's
 * owner entering the kernel every loop turn) allocates nothing; {@link #call} forms allocate one
 * for a cold call.
 */
public final class Libc {
    static final long SYS_IO_URING_SETUP = 425;
    static final long SYS_IO_URING_ENTER = 426;
    static final long SYS_IO_URING_REGISTER = 427;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SYSCALL = bind("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    private static final MethodHandle MMAP = bind("mmap",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = bind("munmap", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EVENTFD = bind("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = bind("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle WRITE = bind("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SOCKETPAIR = bind("socketpair",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle LISTEN = bind("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CONNECT = bind("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = bind("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle GETPEERNAME = bind("getpeername",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle SETSOCKOPT = bind("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle MALLOC = LINKER.downcallHandle(
            LIBC.find("malloc").orElseThrow(), FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
    private static final MethodHandle FREE = LINKER.downcallHandle(
            LIBC.find("free").orElseThrow(), FunctionDescriptor.ofVoid(JAVA_LONG));
    private static final MethodHandle SHUTDOWN = bind("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    private Libc() {
    }

    private static MethodHandle bind(String name, FunctionDescriptor fd, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        System.arraycopy(extra, 0, options, 0, extra.length);
        options[extra.length] = Linker.Option.captureCallState("errno");
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, fd, options);
    }

    /** A segment to receive errno, for a caller that makes many calls. */
    public static MemorySegment errnoSegment(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    static long errnoSize() {
        return CAPTURE.byteSize();
    }

    private static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    private static long check(long r, MemorySegment capture) {
        return r == -1 ? -errno(capture) : r;
    }

    static long syscall(MemorySegment errno, long nr, long a, long b, long c, long d, long e, long f) {
        try {
            return check((long) SYSCALL.invokeExact(errno, nr, a, b, c, d, e, f), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long mmap(MemorySegment errno, long addr, long length, int prot, int flags, int fd, long offset) {
        try {
            return check((long) MMAP.invokeExact(errno, addr, length, prot, flags, fd, offset), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int munmap(MemorySegment errno, long addr, long length) {
        try {
            return (int) check((int) MUNMAP.invokeExact(errno, addr, length), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int close(MemorySegment errno, int fd) {
        try {
            return (int) check((int) CLOSE.invokeExact(errno, fd), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int eventfd(MemorySegment errno, int initval, int flags) {
        try {
            return (int) check((int) EVENTFD.invokeExact(errno, initval, flags), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long read(MemorySegment errno, int fd, long buf, long count) {
        try {
            return check((long) READ.invokeExact(errno, fd, buf, count), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long write(MemorySegment errno, int fd, long buf, long count) {
        try {
            return check((long) WRITE.invokeExact(errno, fd, buf, count), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int socket(MemorySegment errno, int domain, int type, int protocol) {
        try {
            return (int) check((int) SOCKET.invokeExact(errno, domain, type, protocol), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int socketpair(MemorySegment errno, int domain, int type, int protocol, long fds) {
        try {
            return (int) check((int) SOCKETPAIR.invokeExact(errno, domain, type, protocol, fds), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int bind(MemorySegment errno, int fd, long addr, int len) {
        try {
            return (int) check((int) BIND.invokeExact(errno, fd, addr, len), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int listen(MemorySegment errno, int fd, int backlog) {
        try {
            return (int) check((int) LISTEN.invokeExact(errno, fd, backlog), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int connect(MemorySegment errno, int fd, long addr, int len) {
        try {
            return (int) check((int) CONNECT.invokeExact(errno, fd, addr, len), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getsockname(MemorySegment errno, int fd, long addr, long lenPtr) {
        try {
            return (int) check((int) GETSOCKNAME.invokeExact(errno, fd, addr, lenPtr), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getpeername(MemorySegment errno, int fd, long addr, long lenPtr) {
        try {
            return (int) check((int) GETPEERNAME.invokeExact(errno, fd, addr, lenPtr), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setsockopt(MemorySegment errno, int fd, int level, int name, long value, int len) {
        try {
            return (int) check((int) SETSOCKOPT.invokeExact(errno, fd, level, name, value, len), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int shutdown(MemorySegment errno, int fd, int how) {
        try {
            return (int) check((int) SHUTDOWN.invokeExact(errno, fd, how), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code malloc}: an address, or 0 when out of memory (memory not zeroed). */
    static long malloc(long size) {
        try {
            return (long) MALLOC.invokeExact(size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void free(long addr) {
        try {
            FREE.invokeExact(addr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
