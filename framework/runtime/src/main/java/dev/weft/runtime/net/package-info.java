/**
 * Readiness-based TCP over the runtime's reactor.
 *
 * <p>{@link dev.weft.runtime.net.TcpStream#pollRead} and {@code pollWrite} try the system call
 * first and only on "would block" register the caller's waker and return
 * {@link dev.weft.runtime.net.TcpStream#PENDING}; read and write interest have separate wakers.
 * A stream is polled by one task at a time (or one reader and one writer); {@code close()} may
 * come from anywhere and wakes both. Errors surface as {@link java.io.UncheckedIOException}.
 */
package dev.weft.runtime.net;
