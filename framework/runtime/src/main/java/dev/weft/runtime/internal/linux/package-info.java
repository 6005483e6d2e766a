/**
 * Linux system calls through {@code java.lang.foreign}, shared by the epoll and io_uring
 * transports: one {@code syscall(2)} binding with each architecture's numbers and a critical one
 * for non-blocking calls on heap memory ({@code Libc}, {@code SyscallNumbers}), {@code errno}
 * names and the {@code java.net} exceptions they become ({@code Errno}), socket addresses and
 * options ({@code SockAddr}, {@code Sockets}), a thread's scratch memory for call arguments
 * ({@code Scratch}) and the account of the native memory the transports hold
 * ({@code NativeMemory}).
 *
 * <p>May import: the JDK and SLF4J only.
 */
package dev.weft.runtime.internal.linux;
