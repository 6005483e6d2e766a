package dev.weft.server.internal;

import dev.weft.runtime.Context;
import dev.weft.runtime.net.TcpStream;
import dev.weft.server.tls.TlsInfo;

import java.nio.ByteBuffer;

/**
 * The seam under a connection's reads and writes: plain bytes in and out, whether the socket
 * carries them as they are ({@link PlainIo}) or inside TLS records ({@link TlsIo}). The codec and
 * the connection loop above it are the same either way. The methods keep {@link TcpStream}'s
 * contract: a poll either makes progress or registers the task's waker and returns
 * {@link TcpStream#PENDING}.
 *
 * <p>Owned by the connection's task, like the rest of its state.
 */
interface SocketIo {
    /**
     * Reads plain bytes into {@code dst}: how many (&gt; 0), -1 at end of stream, or
     * {@link TcpStream#PENDING} with the waker registered. Fewer bytes than {@code dst} had room for
     * means nothing more can be read now.
     *
     * @throws java.io.UncheckedIOException when the peer is gone or broke the protocol
     */
    int pollRead(Context cx, ByteBuffer dst);

    /** Asks to be woken once {@link #pollRead} may give something (at once if it already may). */
    void awaitReadable(Context cx);

    /**
     * Takes plain bytes to write: how many (&ge; 0), or {@link TcpStream#PENDING} with the waker
     * registered for write readiness. Bytes taken may be held by this layer until
     * {@link #pollFlush} has written them.
     */
    long pollWrite(Context cx, ByteBuffer[] srcs, int offset, int length);

    /** {@link #pollWrite(Context, ByteBuffer[], int, int)} for one buffer. */
    int pollWrite(Context cx, ByteBuffer src);

    /**
     * Writes what this layer holds back (TLS records already sealed).
     *
     * @return true when nothing is held back any more; false with the waker registered
     */
    boolean pollFlush(Context cx);

    /** True while bytes taken by {@link #pollWrite} are not yet on the socket. */
    boolean hasBufferedOutput();

    /** Ends the output (TLS: close_notify first), leaving input open, for a lingering close. */
    void shutdownOutput();

    /** Closes, releasing what this layer holds (TLS: sends close_notify if it can at once). */
    void close();

    /**
     * True when bytes reach the socket as they are, so that a file region may go from the file to
     * the socket in the kernel; false for a layer that transforms them (TLS).
     */
    boolean passesBytesThrough();

    /**
     * Takes bytes read from the socket before this layer's first read (what followed a PROXY
     * protocol header) as the first bytes the socket gave, all of {@code early}. Only for a layer
     * that does not pass bytes through: a plain connection's early bytes are already its HTTP input.
     *
     * @throws java.io.UncheckedIOException when they are more than this layer can hold
     */
    void takeEarlyBytes(ByteBuffer early);

    /** The socket underneath, for its addresses and for discarding input while lingering. */
    TcpStream stream();

    /** The TLS session once its handshake is done; null for a plain connection. */
    TlsInfo tls();

    /** True while this layer holds a pooled buffer (for leak checks). */
    boolean holdsBuffers();
}
