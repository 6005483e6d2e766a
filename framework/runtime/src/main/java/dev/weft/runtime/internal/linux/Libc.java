package dev.weft.runtime.internal.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
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
 * The Linux system calls both native transports make, through the C library's {@code syscall(2)}
 * bound by the {@link Linker}, with the constants they take (the same on x86-64 and AArch64).
 * Every call returns what the kernel does: the result when it is not negative, {@code -errno} when
 * it failed ({@code errno} is captured with {@link Linker.Option#captureCallState} into the
 * segment the caller passes, so nothing else the thread does can overwrite it, and a hot caller
 * allocates nothing).
 *
 * <p>Each distinct downcall shape costs the JDK a generated stub and dozens of hidden classes at
 * link time, so there are only two, both {@code syscall} with its number first and the arguments
 * variadic, each passed as a 64-bit value as {@code syscall} reads them:
 * <ul>
 *   <li>{@code SYSCALL}: {@code (long nr, long, long, long, long, long, long) -> long}, errno
 *       captured; pointers travel as {@code long} addresses of native memory. Every cold call
 *       and every call that may block ({@code epoll_pwait}, {@code io_uring_enter}).
 *   <li>{@code SYSCALL_CRITICAL}: {@code (long nr, long, ADDRESS, long, long, long, long) -> long},
 *       errno captured, {@link Linker.Option#critical critical(true)}: no thread-state transition,
 *       and the {@code ADDRESS} may be a heap segment, which the kernel then reads or fills in
 *       place (no copy through native memory; the garbage collector cannot move the array during
 *       the call). Only for calls that never block: {@link #readCritical}, {@link #writeCritical},
 *       {@link #sendCritical}, {@link #sendmsgCritical} on non-blocking descriptors, and
 *       {@link #recvCritical}, {@link #sendCritical} or {@link #sendmsgCritical} with
 *       {@code MSG_DONTWAIT} on any socket.
 * </ul>
 * A heap segment passes through a variadic {@code ADDRESS} argument like any other (the linker
 * classifies variadic arguments by their layout; AArch64 Linux and x86-64 pass them as ordinary
 * arguments); {@code LibcTest} checks a heap round trip through it.
 *
 * <p>{@code malloc} and {@code free} (the io_uring transport's send buffers) are bound at their
 * first use, not at start-up. The system call numbers come from a table per architecture
 * ({@code arch/x86/entry/syscalls/syscall_64.tbl}, {@code include/uapi/asm-generic/unistd.h}).
 */
public final class Libc {
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_ERROR = 4;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_KEEPALIVE = 9;
    public static final int SO_LINGER = 13;
    public static final int SO_REUSEPORT = 15;
    public static final int IPPROTO_TCP = 6;
    public static final int TCP_NODELAY = 1;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPV6_V6ONLY = 26;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final int SHUT_WR = 1;
    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;
    public static final int EPOLL_CLOEXEC = 0x80000;
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLLIN = 0x1;
    public static final int EPOLLOUT = 0x4;
    public static final int EPOLLERR = 0x8;
    public static final int EPOLLHUP = 0x10;
    public static final int EPOLLRDHUP = 0x2000;
    public static final int EPOLLET = 1 << 31;
    public static final int PROT_READ_WRITE = 0x1 | 0x2;
    public static final int MAP_SHARED = 0x01;
    /** {@code MAP_PRIVATE | MAP_ANONYMOUS}: zeroed memory whose pages are resident only once touched. */
    public static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    public static final int MAP_POPULATE = 0x8000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MemorySegment SYSCALL_SYMBOL = LIBC.find("syscall")
            .orElseThrow(() -> new UnsatisfiedLinkError("libc has no syscall"));

    private static final MethodHandle SYSCALL = LINKER.downcallHandle(SYSCALL_SYMBOL,
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    /** System call numbers for this architecture. */
    private static final SyscallNumbers NR = SyscallNumbers.forArch(System.getProperty("os.arch", ""));

    private Libc() {
    }

    /** A segment to receive errno, for a caller that makes many calls. */
    public static MemorySegment errnoSegment(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    public static long errnoSize() {
        return CAPTURE.byteSize();
    }

    private static long check(long r, MemorySegment capture) {
        return r == -1 ? -(int) ERRNO.get(capture, 0L) : r;
    }

    private static long syscall(MemorySegment errno, long nr, long a, long b, long c, long d, long e, long f) {
        try {
            return check((long) SYSCALL.invokeExact(errno, nr, a, b, c, d, e, f), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static long critical(MemorySegment errno, long nr, long a, MemorySegment b, long c, long d) {
        try {
            return check((long) Critical.SYSCALL.invokeExact(errno, nr, a, b, c, d, 0L, 0L), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // --- memory

    public static long mmap(MemorySegment errno, long addr, long length, int prot, int flags, int fd, long offset) {
        return syscall(errno, NR.mmap(), addr, length, prot, flags, fd, offset);
    }

    public static int munmap(MemorySegment errno, long addr, long length) {
        return (int) syscall(errno, NR.munmap(), addr, length, 0, 0, 0, 0);
    }

    /**
     * {@code mincore}: one byte per page of {@code [addr, addr + length)} into {@code vec}, bit 0
     * set where the page is resident; {@code -ENOMEM} where the range is not mapped.
     */
    public static int mincore(MemorySegment errno, long addr, long length, long vec) {
        return (int) syscall(errno, NR.mincore(), addr, length, vec, 0, 0, 0);
    }

    // --- descriptors

    /** {@code close(2)} releases the descriptor even when it reports an error: never retry it. */
    public static int close(MemorySegment errno, int fd) {
        return (int) syscall(errno, NR.close(), fd, 0, 0, 0, 0, 0);
    }

    public static long read(MemorySegment errno, int fd, long buf, long count) {
        return syscall(errno, NR.read(), fd, buf, count, 0, 0, 0);
    }

    public static long write(MemorySegment errno, int fd, long buf, long count) {
        return syscall(errno, NR.write(), fd, buf, count, 0, 0, 0);
    }

    /** {@code eventfd2}, which the C library's {@code eventfd} calls. */
    public static int eventfd(MemorySegment errno, int initval, int flags) {
        return (int) syscall(errno, NR.eventfd2(), initval, flags, 0, 0, 0, 0);
    }

    // --- sockets

    public static int socket(MemorySegment errno, int domain, int type, int protocol) {
        return (int) syscall(errno, NR.socket(), domain, type, protocol, 0, 0, 0);
    }

    public static int socketpair(MemorySegment errno, int domain, int type, int protocol, long fds) {
        return (int) syscall(errno, NR.socketpair(), domain, type, protocol, fds, 0, 0);
    }

    public static int bind(MemorySegment errno, int fd, long addr, int len) {
        return (int) syscall(errno, NR.bind(), fd, addr, len, 0, 0, 0);
    }

    public static int listen(MemorySegment errno, int fd, int backlog) {
        return (int) syscall(errno, NR.listen(), fd, backlog, 0, 0, 0, 0);
    }

    public static int accept4(MemorySegment errno, int fd, long addr, long lenPtr, int flags) {
        return (int) syscall(errno, NR.accept4(), fd, addr, lenPtr, flags, 0, 0);
    }

    public static int connect(MemorySegment errno, int fd, long addr, int len) {
        return (int) syscall(errno, NR.connect(), fd, addr, len, 0, 0, 0);
    }

    public static int getsockname(MemorySegment errno, int fd, long addr, long lenPtr) {
        return (int) syscall(errno, NR.getsockname(), fd, addr, lenPtr, 0, 0, 0);
    }

    public static int getpeername(MemorySegment errno, int fd, long addr, long lenPtr) {
        return (int) syscall(errno, NR.getpeername(), fd, addr, lenPtr, 0, 0, 0);
    }

    public static int setsockopt(MemorySegment errno, int fd, int level, int name, long value, int len) {
        return (int) syscall(errno, NR.setsockopt(), fd, level, name, value, len, 0);
    }

    public static int getsockopt(MemorySegment errno, int fd, int level, int name, long value, long lenPtr) {
        return (int) syscall(errno, NR.getsockopt(), fd, level, name, value, lenPtr, 0);
    }

    public static int shutdown(MemorySegment errno, int fd, int how) {
        return (int) syscall(errno, NR.shutdown(), fd, how, 0, 0, 0, 0);
    }

    // --- epoll

    public static int epollCreate1(MemorySegment errno, int flags) {
        return (int) syscall(errno, NR.epollCreate1(), flags, 0, 0, 0, 0, 0);
    }

    public static int epollCtl(MemorySegment errno, int epfd, int op, int fd, long event) {
        return (int) syscall(errno, NR.epollCtl(), epfd, op, fd, event, 0, 0);
    }

    /**
     * {@code epoll_pwait} with no signal mask, which is {@code epoll_wait} (AArch64 has only the
     * former). Blocks up to {@code timeoutMs} (-1: no limit).
     */
    public static int epollWait(MemorySegment errno, int epfd, long events, int maxEvents, int timeoutMs) {
        return (int) syscall(errno, NR.epollPwait(), epfd, events, maxEvents, timeoutMs, 0, 8);
    }

    // --- io_uring

    public static int ioUringSetup(MemorySegment errno, int entries, long params) {
        return (int) syscall(errno, NR.ioUringSetup(), entries, params, 0, 0, 0, 0);
    }

    public static int ioUringEnter(MemorySegment errno, int fd, int toSubmit, int minComplete, int flags, long arg,
            long argSize) {
        return (int) syscall(errno, NR.ioUringEnter(), fd, toSubmit, minComplete, flags, arg, argSize);
    }

    public static long ioUringRegister(MemorySegment errno, int fd, int opcode, long arg, int nrArgs) {
        return syscall(errno, NR.ioUringRegister(), fd, opcode, arg, nrArgs, 0, 0);
    }

    // --- critical: never blocking, heap memory in place

    /** {@code read(2)} into {@code dst} (native or heap) on a non-blocking descriptor. */
    public static long readCritical(MemorySegment errno, int fd, MemorySegment dst, long count) {
        return critical(errno, NR.read(), fd, dst, count, 0);
    }

    /** {@code write(2)} from {@code src} (native or heap) to a descriptor that cannot block (an eventfd). */
    public static long writeCritical(MemorySegment errno, int fd, MemorySegment src, long count) {
        return critical(errno, NR.write(), fd, src, count, 0);
    }

    /** {@code send(2)}, which is {@code sendto} with no address, from {@code src} on a non-blocking socket. */
    public static long sendCritical(MemorySegment errno, int fd, MemorySegment src, long len, int flags) {
        return critical(errno, NR.sendto(), fd, src, len, flags);
    }

    /**
     * {@code recv(2)}, which is {@code recvfrom} with no address, into {@code dst} (native or
     * heap); with {@code MSG_DONTWAIT} it never blocks, also on a blocking socket.
     */
    public static long recvCritical(MemorySegment errno, int fd, MemorySegment dst, long len, int flags) {
        return critical(errno, NR.recvfrom(), fd, dst, len, flags);
    }

    /** {@code sendmsg(2)} of a native {@code msghdr} whose iovecs point at native memory, on a non-blocking socket. */
    public static long sendmsgCritical(MemorySegment errno, int fd, MemorySegment msghdr, int flags) {
        return critical(errno, NR.sendmsg(), fd, msghdr, flags, 0);
    }

    // --- the C heap

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

    /** The critical shape, bound at the first critical call (the epoll transport's first read or wake-up). */
    private static final class Critical {
        static final MethodHandle SYSCALL = LINKER.downcallHandle(SYSCALL_SYMBOL,
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1), Linker.Option.critical(true), Linker.Option.captureCallState("errno"));
    }

    /** {@code malloc} and {@code free}, bound at their first use (a connection's first write), not at start-up. */
    private static final class Heap {
        static final MethodHandle MALLOC = LINKER.downcallHandle(
                LIBC.find("malloc").orElseThrow(), FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
        static final MethodHandle FREE = LINKER.downcallHandle(
                LIBC.find("free").orElseThrow(), FunctionDescriptor.ofVoid(JAVA_LONG));
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
