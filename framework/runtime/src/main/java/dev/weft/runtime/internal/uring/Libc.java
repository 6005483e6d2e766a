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
 * <p>Every call but {@code malloc}/{@code free} goes through {@code syscall(2)}, which is
 * variadic: its descriptor marks the first variadic argument and passes every argument as a
 * 64-bit value, as {@code syscall} reads them. One downcall shape for all of them: each distinct
 * shape costs the JDK a generated stub and dozens of hidden classes at link time (with one
 * binding per libc function, start-up spun about 300 and took over a second longer). The
 * io_uring numbers (425, 426, 427) are the same on x86-64 and arm64; the others come from a
 * table per architecture.
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
    /** System call numbers of the calls made through {@link #SYSCALL}, for this architecture. */
    private static final Numbers NR = Numbers.forArch(System.getProperty("os.arch", ""));


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
        return syscall(errno, NR.mmap, addr, length, prot, flags, fd, offset);
    }

    static int munmap(MemorySegment errno, long addr, long length) {
        return (int) syscall(errno, NR.munmap, addr, length, 0, 0, 0, 0);
    }

    public static int close(MemorySegment errno, int fd) {
        return (int) syscall(errno, NR.close, fd, 0, 0, 0, 0, 0);
    }

    /**
     * {@code mincore}: one byte per page of {@code [addr, addr + length)} into {@code vec}, bit 0
     * set where the page is resident; {@code -ENOMEM} where the range is not mapped.
     */
    static int mincore(MemorySegment errno, long addr, long length, long vec) {
        return (int) syscall(errno, NR.mincore, addr, length, vec, 0, 0, 0);
    }

    static int eventfd(MemorySegment errno, int initval, int flags) {
        return (int) syscall(errno, NR.eventfd2, initval, flags, 0, 0, 0, 0);
    }

    public static long read(MemorySegment errno, int fd, long buf, long count) {
        return syscall(errno, NR.read, fd, buf, count, 0, 0, 0);
    }

    public static long write(MemorySegment errno, int fd, long buf, long count) {
        return syscall(errno, NR.write, fd, buf, count, 0, 0, 0);
    }

    public static int socket(MemorySegment errno, int domain, int type, int protocol) {
        return (int) syscall(errno, NR.socket, domain, type, protocol, 0, 0, 0);
    }

    static int socketpair(MemorySegment errno, int domain, int type, int protocol, long fds) {
        return (int) syscall(errno, NR.socketpair, domain, type, protocol, fds, 0, 0);
    }

    public static int bind(MemorySegment errno, int fd, long addr, int len) {
        return (int) syscall(errno, NR.bind, fd, addr, len, 0, 0, 0);
    }

    public static int listen(MemorySegment errno, int fd, int backlog) {
        return (int) syscall(errno, NR.listen, fd, backlog, 0, 0, 0, 0);
    }

    public static int connect(MemorySegment errno, int fd, long addr, int len) {
        return (int) syscall(errno, NR.connect, fd, addr, len, 0, 0, 0);
    }

    public static int getsockname(MemorySegment errno, int fd, long addr, long lenPtr) {
        return (int) syscall(errno, NR.getsockname, fd, addr, lenPtr, 0, 0, 0);
    }

    public static int getpeername(MemorySegment errno, int fd, long addr, long lenPtr) {
        return (int) syscall(errno, NR.getpeername, fd, addr, lenPtr, 0, 0, 0);
    }

    public static int setsockopt(MemorySegment errno, int fd, int level, int name, long value, int len) {
        return (int) syscall(errno, NR.setsockopt, fd, level, name, value, len, 0);
    }

    public static int shutdown(MemorySegment errno, int fd, int how) {
        return (int) syscall(errno, NR.shutdown, fd, how, 0, 0, 0, 0);
    }

    /** {@code malloc}: an address, or 0 when out of memory (memory not zeroed). */
    static long malloc(long size) {
        try {
            return (long) Heap.MALLOC.invokeExact(size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void free(long addr) {
        try {
            Heap.FREE.invokeExact(addr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code malloc} and {@code free}, bound at their first use (a connection's first write), not at start-up. */
    private static final class Heap {
        static final MethodHandle MALLOC = LINKER.downcallHandle(
                LIBC.find("malloc").orElseThrow(), FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
        static final MethodHandle FREE = LINKER.downcallHandle(
                LIBC.find("free").orElseThrow(), FunctionDescriptor.ofVoid(JAVA_LONG));
    }

    /**
     * The numbers of {@code include/uapi/asm-generic/unistd.h} (arm64) and
     * {@code arch/x86/entry/syscalls/syscall_64.tbl} (x86-64) for the calls above.
     */
    private record Numbers(long read, long write, long close, long mmap, long munmap, long socket, long connect,
            long shutdown, long bind, long listen, long getsockname, long getpeername, long socketpair,
            long setsockopt, long eventfd2, long mincore) {
        static Numbers forArch(String arch) {
            if (arch.equals("aarch64")) {
                return new Numbers(63, 64, 57, 222, 215, 198, 203, 210, 200, 201, 204, 205, 199, 208, 19, 232);
            }
            // x86-64; UringSupport refuses any other architecture before a call is made
            return new Numbers(0, 1, 3, 9, 11, 41, 42, 48, 49, 50, 51, 52, 53, 54, 290, 27);
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
