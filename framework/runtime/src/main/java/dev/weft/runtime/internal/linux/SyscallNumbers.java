package dev.weft.runtime.internal.linux;

/**
 * The system call numbers {@link Libc} uses, for one architecture: x86-64's from
 * {@code arch/x86/entry/syscalls/syscall_64.tbl}, AArch64's from
 * {@code include/uapi/asm-generic/unistd.h} (which has no {@code epoll_wait}: both use
 * {@code epoll_pwait}). The io_uring calls are 425, 426 and 427 on every architecture.
 */
record SyscallNumbers(long read, long write, long close, long mmap, long munmap, long mincore, long eventfd2,
        long socket, long socketpair, long bind, long listen, long accept4, long connect, long getsockname,
        long getpeername, long setsockopt, long getsockopt, long shutdown, long sendto, long recvfrom, long sendmsg,
        long epollCreate1, long epollCtl, long epollPwait, long ioUringSetup, long ioUringEnter,
        long ioUringRegister) {

    static final SyscallNumbers X86_64 = new SyscallNumbers(0, 1, 3, 9, 11, 27, 290,
            41, 53, 49, 50, 288, 42, 51,
            52, 54, 55, 48, 44, 45, 46,
            291, 233, 281, 425, 426,
            427);

    static final SyscallNumbers AARCH64 = new SyscallNumbers(63, 64, 57, 222, 215, 232, 19,
            198, 199, 200, 201, 242, 203, 204,
            205, 208, 209, 210, 206, 207, 211,
            20, 21, 22, 425, 426,
            427);

    /** The table for {@code os.arch}; x86-64's for any other (the transports refuse other architectures before a call). */
    static SyscallNumbers forArch(String arch) {
        return arch.equals("aarch64") ? AARCH64 : X86_64;
    }
}
