/**
 * Readiness-based TCP over the runtime's reactor: {@link dev.weft.runtime.net.TcpListener} and
 * {@link dev.weft.runtime.net.TcpStream}.
 *
 * <p>{@link dev.weft.runtime.net.TcpStream#pollRead} and {@code pollWrite} try the system call
 * first and only on "would block" register the caller's waker and return
 * {@link dev.weft.runtime.net.TcpStream#PENDING}; read and write interest have separate wakers.
 * A stream is polled by one task at a time (or one reader and one writer); {@code close()} may
 * come from anywhere and wakes both. Errors surface as {@link java.io.UncheckedIOException}.
 *
 * <p>May import: the JDK, {@code dev.weft.runtime}, {@code dev.weft.runtime.internal} and
 * {@code dev.weft.runtime.internal.transport} (the transport SPI every socket goes through, and
 * the rules for which worker's reactor it registers with).
 *
 * <pre>{@code
 * TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 7000), 128);
 * Async<Void> echoOnce = listener.accept().flatMap(stream -> {
 *     ByteBuffer buf = ByteBuffer.allocate(4096);
 *     return stream.read(buf)                                  // -1 at end of stream
 *             .flatMap(n -> stream.writeAll(buf.flip()))
 *             .map(v -> { stream.close(); return v; });
 * });
 * runtime.spawn(echoOnce);
 * }</pre>
 */
package dev.weft.runtime.net;
